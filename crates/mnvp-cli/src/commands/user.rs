//! `mnvp user add` and `mnvp user reset-password`: account tasks for whoever runs the server.

use super::open_store;
use crate::config::Resolved;
use anyhow::{anyhow, bail};
use clap::{Args, Subcommand};
use mnvp_domain::parse::{check_new_password, Email, Name};
use mnvp_domain::role::Role;
use mnvp_store::users::NewUser;
use mnvp_store::Actor;
use rand::Rng;
use std::io::Read;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. Prints a generated password unless --password-stdin is given.
    Add(AddOpts),
    /// Set a new password for an account and sign it out everywhere.
    ResetPassword(ResetOpts),
}

#[derive(Args, Debug)]
pub struct AddOpts {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// administrator, mnvp_lead, volunteer, trust_staff or commissioner.
    #[arg(long, default_value = "administrator")]
    pub role: String,
    /// Shorthand for --role administrator.
    #[arg(long)]
    pub admin: bool,
    /// The organisation the account belongs to, by id.
    #[arg(long)]
    pub org_id: Option<i64>,
    /// The MNVP the account belongs to, by its slug.
    #[arg(long, conflicts_with = "org_id")]
    pub mnvp: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Args, Debug)]
pub struct ResetOpts {
    #[arg(long)]
    pub email: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
pub fn generated_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

fn password_from(stdin: bool) -> anyhow::Result<(String, bool)> {
    if !stdin {
        return Ok((generated_password(), true));
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let password = text.trim_end_matches(['\r', '\n']).to_string();
    check_new_password(&password).map_err(|e| anyhow!(e.0))?;
    Ok((password, false))
}

pub async fn run(cmd: UserCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let store = open_store(cfg).await?;
    let result = match cmd {
        UserCommand::Add(o) => add(&store, o).await,
        UserCommand::ResetPassword(o) => reset(&store, o).await,
    };
    store.close().await;
    result
}

async fn add(store: &mnvp_store::Store, o: AddOpts) -> anyhow::Result<ExitCode> {
    let role = if o.admin {
        Role::Administrator
    } else {
        Role::parse(&o.role).map_err(|_| anyhow!("unknown role '{}'", o.role))?
    };
    let email = Email::parse(&o.email).map_err(|e| anyhow!("--email: {}", e.0))?;
    let name = Name::parse("a name", &o.name).map_err(|e| anyhow!("--name: {}", e.0))?;
    let org_id = match (&o.mnvp, o.org_id) {
        (Some(slug), _) => Some(
            store
                .org_by_slug(slug)
                .await
                .map_err(|_| anyhow!("no MNVP has the slug '{slug}'"))?
                .id,
        ),
        (None, id) => id,
    };
    let (password, generated) = password_from(o.password_stdin)?;
    let hash = mnvp_web::hash_password(password.clone())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let user = store
        .create_user(
            &NewUser {
                email,
                name,
                role,
                org_id,
                password_hash: hash,
            },
            None,
            &Actor::cli("user add"),
        )
        .await?;
    println!(
        "Created {} ({}) as {}.",
        user.name,
        user.email,
        role.label()
    );
    if generated {
        println!("Password: {password}");
        println!("Give it to them safely; they should change it after signing in.");
    }
    Ok(ExitCode::SUCCESS)
}

async fn reset(store: &mnvp_store::Store, o: ResetOpts) -> anyhow::Result<ExitCode> {
    let Some(user) = store.user_by_email(&o.email).await? else {
        bail!("no account has the email address '{}'", o.email.trim());
    };
    let (password, generated) = password_from(o.password_stdin)?;
    let hash = mnvp_web::hash_password(password.clone())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    store
        .set_password(user.id, &hash, &Actor::cli("user reset-password"))
        .await?;
    println!(
        "The password for {} has been reset and every session signed out.",
        user.email
    );
    if generated {
        println!("New password: {password}");
    }
    Ok(ExitCode::SUCCESS)
}
