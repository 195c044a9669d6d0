//! The tamper-evident audit chain. Each entry's hash covers its own fields and the previous
//! entry's hash, so editing or deleting any past entry breaks every hash after it.

use sha2::{Digest, Sha256};

/// The hash that precedes the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit entry that the chain protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFields<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub actor_id: Option<i64>,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub detail: &'a str,
    pub ip: &'a str,
}

/// Hex SHA-256 of the previous hash and every field, each length-prefixed so that moving
/// text between fields cannot produce the same digest.
pub fn chain_hash(prev: &str, f: &AuditFields<'_>) -> String {
    let mut h = Sha256::new();
    let seq = f.seq.to_string();
    let actor_id = f.actor_id.map(|v| v.to_string()).unwrap_or_default();
    let entity_id = f.entity_id.map(|v| v.to_string()).unwrap_or_default();
    for part in [
        prev, &seq, f.at, &actor_id, f.actor, f.action, f.entity, &entity_id, f.detail, f.ip,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The first place a stored chain stops matching, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// Verifies a whole chain given in sequence order as (fields, stored prev hash, stored hash).
pub fn verify_chain<'a>(
    entries: impl IntoIterator<Item = (AuditFields<'a>, &'a str, &'a str)>,
) -> Result<u64, ChainBreak> {
    verify_chain_from(GENESIS, entries)
}

/// Verifies a run of entries that follows an entry whose hash is `start`, so a long chain can
/// be checked page by page without holding it all in memory.
pub fn verify_chain_from<'a>(
    start: &str,
    entries: impl IntoIterator<Item = (AuditFields<'a>, &'a str, &'a str)>,
) -> Result<u64, ChainBreak> {
    let mut prev = start.to_string();
    let mut count = 0;
    let mut last_seq = 0;
    for (fields, stored_prev, stored_hash) in entries {
        if fields.seq <= last_seq {
            return Err(ChainBreak {
                seq: fields.seq,
                reason: "sequence numbers are out of order".into(),
            });
        }
        if stored_prev != prev {
            return Err(ChainBreak {
                seq: fields.seq,
                reason: "the previous-hash link does not match the entry before it (an entry was removed or reordered)".into(),
            });
        }
        let expected = chain_hash(&prev, &fields);
        if expected != stored_hash {
            return Err(ChainBreak {
                seq: fields.seq,
                reason: "the entry's contents do not match its hash (it was edited)".into(),
            });
        }
        prev = expected;
        last_seq = fields.seq;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, action: &'static str) -> AuditFields<'static> {
        AuditFields {
            seq,
            at: "2026-11-23T10:00:00Z",
            actor_id: Some(1),
            actor: "admin@example.org",
            action,
            entity: "organisation",
            entity_id: Some(seq),
            detail: "",
            ip: "127.0.0.1",
        }
    }

    #[test]
    fn intact_chain_verifies_and_edits_are_caught() {
        let a = entry(1, "create");
        let ha = chain_hash(GENESIS, &a);
        let b = entry(2, "update");
        let hb = chain_hash(&ha, &b);
        assert_eq!(
            verify_chain(vec![
                (a.clone(), GENESIS, ha.as_str()),
                (b.clone(), ha.as_str(), hb.as_str())
            ]),
            Ok(2)
        );

        let edited = AuditFields {
            action: "delete",
            ..b.clone()
        };
        let err = verify_chain(vec![
            (a.clone(), GENESIS, ha.as_str()),
            (edited, ha.as_str(), hb.as_str()),
        ])
        .unwrap_err();
        assert_eq!(err.seq, 2);

        // Removing the first entry breaks the link of the second.
        let err = verify_chain(vec![(b, ha.as_str(), hb.as_str())]).unwrap_err();
        assert!(err.reason.contains("removed"));
    }

    #[test]
    fn field_boundaries_matter() {
        let a = AuditFields {
            actor: "ab",
            action: "c",
            ..entry(1, "x")
        };
        let b = AuditFields {
            actor: "a",
            action: "bc",
            ..entry(1, "x")
        };
        assert_ne!(chain_hash(GENESIS, &a), chain_hash(GENESIS, &b));
    }
}
