//! Flood protection for the public form without a CAPTCHA (which would shut out disabled
//! people): a sliding one-hour window of submissions per client. Clients are known only by a
//! salted hash of their address, held in memory for the window and never stored, so the limit
//! cannot be used to link anyone to what they sent.

use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(3600);
/// Above this many clients, idle entries are swept before adding another.
const SWEEP_AT: usize = 10_000;

pub struct RateLimiter {
    max: u32,
    salt: [u8; 16],
    seen: Mutex<HashMap<[u8; 32], VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn per_hour(max: u32) -> RateLimiter {
        RateLimiter {
            max,
            salt: rand::random(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    fn key(&self, client: &str) -> [u8; 32] {
        Sha256::new()
            .chain_update(self.salt)
            .chain_update(client.as_bytes())
            .finalize()
            .into()
    }

    /// Counts one submission from `client`, or refuses it with how long to wait.
    pub fn check(&self, client: &str) -> Result<(), Duration> {
        self.check_at(client, Instant::now())
    }

    fn check_at(&self, client: &str, now: Instant) -> Result<(), Duration> {
        let key = self.key(client);
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= SWEEP_AT {
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let times = seen.entry(key).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= self.max as usize {
            let oldest = *times.front().expect("over the limit means at least one");
            return Err(WINDOW.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_gets_its_own_window() {
        let limiter = RateLimiter::per_hour(2);
        let start = Instant::now();
        assert!(limiter.check_at("10.0.0.1", start).is_ok());
        assert!(limiter.check_at("10.0.0.1", start).is_ok());
        let wait = limiter
            .check_at("10.0.0.1", start + Duration::from_secs(600))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(3000));
        assert!(
            limiter.check_at("10.0.0.2", start).is_ok(),
            "others are not held up"
        );
        assert!(
            limiter.check_at("10.0.0.1", start + WINDOW).is_ok(),
            "the window slides"
        );
    }

    #[test]
    fn addresses_are_not_kept_in_the_clear() {
        let limiter = RateLimiter::per_hour(1);
        limiter.check("192.0.2.7").unwrap();
        let seen = limiter.seen.lock().unwrap();
        let key = seen.keys().next().unwrap();
        assert_ne!(&key[..9], b"192.0.2.7");
        assert_ne!(
            *key,
            <[u8; 32]>::from(Sha256::digest(b"192.0.2.7")),
            "salted"
        );
    }
}
