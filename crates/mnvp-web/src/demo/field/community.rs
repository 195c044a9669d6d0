//! The demo's outreach sessions across the patch and its social media and PAG insights.

use super::{ago, conversations, invalid, Ids, Said};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::outreach::{Place, SessionDetails, Tallies, VenueType};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::intelligence::NewIntelligence;
use mnvp_store::field::outreach::NewOutreach;
use mnvp_store::{Actor, Store, StoreError};

/// (MNVP, days ago, venue, name, district, area, partners, tallies as form fields, what was said)
type Session<'a> = (
    i64,
    i64,
    VenueType,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    &'a [&'a str],
    &'a [(&'a str, &'a str)],
    &'a [Said],
);

pub async fn outreach(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    let a = Actor::system();
    let heard: &[Said] = &[
        (
            CareStage::Antenatal,
            "2",
            "",
            "Appointments were always in English; I needed an interpreter.",
            Some(("L", "25_29")),
        ),
        (
            CareStage::PostnatalHome,
            "4",
            "The health visitor asked about my mood.",
            "",
            None,
        ),
    ];
    let sessions: [Session; 7] = [
        (
            ids.riverside,
            70,
            VenueType::BabyGroup,
            "Millfield stay and play",
            Some("RV1"),
            Some("Millfield estate"),
            &["Millfield Children's Centre"],
            &[
                ("reached", "14"),
                ("eth_black", "6"),
                ("eth_white", "5"),
                ("eth_mixed", "2"),
                ("eth_not_stated", "1"),
                ("lang_not_english", "3"),
            ],
            heard,
        ),
        (
            ids.riverside,
            52,
            VenueType::VcseSession,
            "Riverside Refugee Women's Group",
            Some("RV2"),
            None,
            &["Riverside Refugee Women's Group", "Maternity interpreters"],
            &[
                ("reached", "9"),
                ("eth_other", "5"),
                ("eth_black", "4"),
                ("lang_not_english", "9"),
            ],
            &heard[..1],
        ),
        (
            ids.riverside,
            38,
            VenueType::HealthVisitorClinic,
            "Eastgate health visitor clinic",
            Some("RV4"),
            None,
            &[],
            &[
                ("reached", "11"),
                ("age_under_20", "2"),
                ("age_20_24", "4"),
                ("age_25_29", "3"),
                ("age_30_34", "2"),
            ],
            &heard[1..],
        ),
        (
            ids.riverside,
            21,
            VenueType::CommunityEvent,
            "Riverside summer fair",
            Some("RV7"),
            Some("Town centre"),
            &["Home-Start Riverside"],
            &[("reached", "32")],
            &[],
        ),
        (
            ids.riverside,
            9,
            VenueType::Online,
            "Evening online coffee morning",
            None,
            None,
            &["Sands"],
            &[("reached", "6"), ("exp_bereavement", "6")],
            &[],
        ),
        (
            ids.downs,
            30,
            VenueType::VcseSession,
            "Neonatal parents' drop-in",
            Some("DV3"),
            None,
            &["Bliss", "Downs Valley ODN family care team"],
            &[
                ("reached", "8"),
                ("exp_neonatal", "8"),
                ("exp_bereavement", "1"),
            ],
            &[],
        ),
        (
            ids.downs,
            14,
            VenueType::PostnatalClinic,
            "Hillside postnatal clinic",
            Some("DV1"),
            Some("Hillside"),
            &[],
            &[("reached", "10"), ("eth_asian", "4"), ("eth_white", "6")],
            &[],
        ),
    ];
    for (mnvp, days, venue, name, district, area, partners, counts, said) in sessions {
        let held_on = ago(days)?;
        let tallies = Tallies::parse(|f| {
            counts
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        })
        .map_err(|e| invalid(format!("{e:?}")))?;
        let details = SessionDetails {
            held_on: held_on.clone(),
            venue_type: venue,
            venue_name: Some(name.into()),
            place: Place {
                postcode_district: district.map(str::to_string),
                area_name: area.map(str::to_string),
            },
            partners: partners.iter().map(|p| p.to_string()).collect(),
            tallies,
            notes: None,
        };
        let id = store
            .create_outreach(
                &NewOutreach {
                    mnvp_id: mnvp,
                    details,
                },
                &a,
                None,
            )
            .await?;
        conversations(store, id, mnvp, None, Channel::Outreach, &held_on, said).await?;
    }
    Ok(())
}

pub async fn intelligence(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    let a = Actor::system();
    let insights = [
        (ids.riverside, Channel::SocialMedia, 18, "MNVP Facebook group", Some("https://www.facebook.example/groups/riverside-mnvp"), Some(CareStage::PostnatalHospital), "Several parents in a thread said the postnatal ward is too hot at night and fans are not allowed."),
        (ids.riverside, Channel::SocialMedia, 6, "MNVP Instagram poll", None, Some(CareStage::Antenatal), "Most of 40 people who answered the poll would like evening antenatal classes."),
        (ids.downs, Channel::ParentAdvisoryGroup, 25, "Regional neonatal Parent Advisory Group, quarterly meeting", None, Some(CareStage::NeonatalUnit), "Parents across the network asked for free parking for families with a baby on the unit for more than a week."),
        (ids.downs, Channel::ParentAdvisoryGroup, 4, "Downs Valley ODN family care team", None, Some(CareStage::NeonatalUnit), "Families transferred between units want one written summary of their baby's care to carry with them."),
    ];
    for (mnvp, channel, days, source, link, stage, text) in insights {
        let mut item = crate::capture::screened(NewFeedback {
            mnvp_id: mnvp,
            unit_id: None,
            channel,
            care_stage: stage,
            received_on: ago(days)?.as_str().to_string(),
            rating: None,
            body: Some(text.into()),
            client_id: None,
            body_redacted: None,
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        });
        item.body = item.body_redacted.clone();
        let new = NewIntelligence {
            item,
            source: source.into(),
            link: link.map(str::to_string),
        };
        store.insert_intelligence(&new, &a, None).await?;
    }
    Ok(())
}
