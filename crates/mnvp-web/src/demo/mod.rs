//! The demo: a fictional ICB with two trusts, three units, two MNVPs, an account for every role
//! and a year of fictional feedback, so that every screen has something real to show.
//! Every name, place and comment here is invented.

mod capture;
mod capture_data;
mod comments;
mod field;
mod safety;
mod theme_comments;
mod themes;
mod voices;

use crate::auth::password;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::organisation::{OrgKind, UnitType};
use mnvp_domain::parse::{Email, Name, Slug};
use mnvp_domain::role::Role;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::organisations::NewOrg;
use mnvp_store::users::NewUser;
use mnvp_store::{Actor, Store, StoreError};

/// The password of every demo account. The demo is for trying the product, never for real data.
pub const DEMO_PASSWORD: &str = "MnvpDemo!2026";

/// A demo account, as printed at start.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub role: Role,
    pub email: String,
    pub org: String,
}

#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub logins: Vec<DemoLogin>,
    pub feedback: u64,
}

/// The accounts the demo creates; returned without touching the database so `serve --demo`
/// can print them again on later starts.
pub fn demo_logins() -> Vec<DemoLogin> {
    [
        (
            Role::Administrator,
            "admin@mnvp-hub.example",
            "All organisations",
        ),
        (Role::MnvpLead, "lead@demo.mnvp.example", "Riverside MNVP"),
        (
            Role::Volunteer,
            "volunteer@demo.mnvp.example",
            "Riverside MNVP",
        ),
        (
            Role::TrustStaff,
            "staff@riverside.nhs.example",
            "Riverside University Hospitals NHS Foundation Trust",
        ),
        (
            Role::Commissioner,
            "commissioner@riverside-icb.example",
            "NHS Riverside and Downs Integrated Care Board",
        ),
        (
            Role::MnvpLead,
            "lead@downs-valley.mnvp.example",
            "Downs Valley MNVP",
        ),
    ]
    .into_iter()
    .map(|(role, email, org)| DemoLogin {
        role,
        email: email.into(),
        org: org.into(),
    })
    .collect()
}

fn name(s: &str) -> Result<Name, StoreError> {
    Name::parse("a name", s).map_err(|e| StoreError::Invalid(e.0))
}

fn org(kind: OrgKind, n: &str, parent: Option<i64>) -> Result<NewOrg, StoreError> {
    Ok(NewOrg {
        kind,
        name: name(n)?,
        parent_id: parent,
        unit_type: None,
        slug: None,
        ods_code: None,
    })
}

/// Loads the demo into an empty database. Refuses if any organisation exists, so it can never
/// mix fictional records into real ones.
pub async fn load(store: &Store) -> Result<DemoSummary, StoreError> {
    if !store.list_orgs().await?.is_empty() {
        return Err(StoreError::Conflict(
            "The database already has organisations; the demo is only loaded into an empty database".into(),
        ));
    }
    let a = Actor::system();
    let icb = store
        .create_org(
            &org(
                OrgKind::Icb,
                "NHS Riverside and Downs Integrated Care Board",
                None,
            )?,
            None,
            &a,
        )
        .await?;
    let lmns = store
        .create_org(
            &org(
                OrgKind::Lmns,
                "Riverside and Downs Local Maternity and Neonatal System",
                Some(icb.id),
            )?,
            None,
            &a,
        )
        .await?;
    let trust1 = store
        .create_org(
            &org(
                OrgKind::Trust,
                "Riverside University Hospitals NHS Foundation Trust",
                Some(lmns.id),
            )?,
            None,
            &a,
        )
        .await?;
    let trust2 = store
        .create_org(
            &org(OrgKind::Trust, "Downs Valley NHS Trust", Some(lmns.id))?,
            None,
            &a,
        )
        .await?;
    let unit = |n: &str, t: UnitType, parent: i64| -> Result<NewOrg, StoreError> {
        Ok(NewOrg {
            unit_type: Some(t),
            ..org(OrgKind::Unit, n, Some(parent))?
        })
    };
    let maternity = store
        .create_org(
            &unit(
                "Riverside Maternity Unit",
                UnitType::MaternityUnit,
                trust1.id,
            )?,
            None,
            &a,
        )
        .await?;
    let birth_centre = store
        .create_org(
            &unit("Willow Birth Centre", UnitType::BirthCentre, trust1.id)?,
            None,
            &a,
        )
        .await?;
    let neonatal = store
        .create_org(
            &unit(
                "Downs Valley Neonatal Unit",
                UnitType::NeonatalUnit,
                trust2.id,
            )?,
            None,
            &a,
        )
        .await?;
    let mnvp = |n: &str, slug: &str| -> Result<NewOrg, StoreError> {
        Ok(NewOrg {
            slug: Some(Slug::parse(slug).map_err(|e| StoreError::Invalid(e.0))?),
            ..org(OrgKind::Mnvp, n, Some(lmns.id))?
        })
    };
    let riverside = store
        .create_org(&mnvp("Riverside MNVP", "demo")?, None, &a)
        .await?;
    let downs = store
        .create_org(&mnvp("Downs Valley MNVP", "downs-valley")?, None, &a)
        .await?;
    store
        .set_mnvp_units(riverside.id, &[maternity.id, birth_centre.id], &a)
        .await?;
    store.set_mnvp_units(downs.id, &[neonatal.id], &a).await?;

    let people = [
        ("Alex Morgan", None),
        ("Priya Shah", Some(riverside.id)),
        ("Grace Okoro", Some(riverside.id)),
        ("Helen Price", Some(trust1.id)),
        ("Tom Ellis", Some(icb.id)),
        ("Sam Lee", Some(downs.id)),
    ];
    let hash = password::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| StoreError::Other(e.to_string()))?;
    for (login, (person, org_id)) in demo_logins().iter().zip(people) {
        let new = NewUser {
            email: Email::parse(&login.email).map_err(|e| StoreError::Invalid(e.0))?,
            name: name(person)?,
            role: login.role,
            org_id,
            password_hash: hash.clone(),
        };
        store.create_user(&new, None, &a).await?;
    }

    let mut items = comments::generate(riverside.id, &[maternity.id, birth_centre.id], false, 300);
    items.extend(comments::generate(downs.id, &[neonatal.id], true, 80));
    voices::dress(&mut items, riverside.id);
    let mut feedback = store.insert_feedback_batch(&items, &a, "demo data").await?;
    capture_data::load(store, riverside.id, &[maternity.id, birth_centre.id]).await?;
    let places = field::Ids {
        riverside: riverside.id,
        maternity: maternity.id,
        birth_centre: birth_centre.id,
        downs: downs.id,
        neonatal: neonatal.id,
    };
    field::load(store, &places).await?;
    feedback += capture::load(store, riverside.id, &[maternity.id, birth_centre.id]).await?;
    voices::load_reference(store, &a).await?;
    feedback += themes::load(store).await?;
    // Last, so the everyday flags of every demo comment above are triaged.
    let logins = demo_logins();
    safety::load(
        store,
        (riverside.id, maternity.id, &logins[1].email),
        (downs.id, &logins[5].email),
    )
    .await?;
    Ok(DemoSummary {
        logins: demo_logins(),
        feedback,
    })
}

/// Re-exported for the comment generator.
pub(crate) fn new_feedback(
    mnvp_id: i64,
    unit_id: i64,
    channel: Channel,
    stage: CareStage,
    received_on: String,
    rating: i32,
    body: &str,
) -> NewFeedback {
    crate::capture::screened(NewFeedback {
        mnvp_id,
        unit_id: Some(unit_id),
        channel,
        care_stage: Some(stage),
        received_on,
        rating: Some(rating),
        body: Some(body.to_string()),
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    })
}
