//! Who may do what with which codebook. Routes admit roles (see `themes::routes`); this
//! narrows to the person's own MNVP, trust footprint or ICB, and answers "not found" for a
//! codebook outside it, so that nobody learns what other MNVPs hold.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::role::Role;
use mnvp_store::themes::Codebook;

/// The signed-in person as the themes pages see them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub role: Role,
    pub user_id: i64,
    pub org_id: Option<i64>,
    /// MNVPs whose codebooks and figures this person may see.
    pub mnvp_ids: Vec<i64>,
    /// Trust staff see only their own units' feedback.
    pub unit_ids: Option<Vec<i64>>,
}

impl Viewer {
    pub async fn of(state: &AppState, ctx: &Ctx) -> WebResult<Viewer> {
        let user = ctx.user()?;
        let role = user.role();
        let store = &state.store;
        let (mnvp_ids, unit_ids) = match (role, user.org_id) {
            (Role::MnvpLead | Role::Volunteer, Some(org)) => (vec![org], None),
            (Role::TrustStaff | Role::Commissioner, Some(org)) => {
                let footprint = store.org_subtree_ids(org).await?;
                let mut covering = Vec::new();
                for m in store.list_orgs_of_kind(OrgKind::Mnvp).await? {
                    let units = store.mnvp_units(m.id).await?;
                    if footprint.contains(&m.id) || units.iter().any(|u| footprint.contains(&u.id))
                    {
                        covering.push(m.id);
                    }
                }
                let units = (role == Role::TrustStaff).then_some(footprint);
                (covering, units)
            }
            _ => (Vec::new(), None),
        };
        Ok(Viewer {
            role,
            user_id: user.id,
            org_id: user.org_id,
            mnvp_ids,
            unit_ids,
        })
    }

    /// Exact counts and original text: the MNVP lead only. Everyone else sees suppressed
    /// counts and redacted text.
    pub fn is_lead(&self) -> bool {
        self.role == Role::MnvpLead
    }

    fn own(&self, c: &Codebook) -> bool {
        c.mnvp_id.is_some() && c.mnvp_id == self.org_id
    }

    /// Lead of the codebook's MNVP, or the administrator for a shared codebook.
    pub fn can_edit(&self, c: &Codebook) -> bool {
        match c.mnvp_id {
            Some(_) => self.is_lead() && self.own(c),
            None => self.role == Role::Administrator,
        }
    }

    /// May read the codebook's themes: editors, the MNVP's volunteers, and leads reading a
    /// shared codebook they might copy.
    pub fn can_read(&self, c: &Codebook) -> bool {
        self.can_edit(c)
            || (self.role == Role::Volunteer && self.own(c))
            || (self.is_lead() && c.mnvp_id.is_none())
    }

    /// May see the codebook's figures (trends).
    pub fn can_view_figures(&self, c: &Codebook) -> bool {
        c.mnvp_id.is_some_and(|m| self.mnvp_ids.contains(&m))
            && matches!(
                self.role,
                Role::MnvpLead | Role::Volunteer | Role::TrustStaff | Role::Commissioner
            )
    }

    /// May read individual comments behind the figures (redacted unless lead).
    pub fn can_read_comments(&self, c: &Codebook) -> bool {
        self.can_view_figures(c) && self.role != Role::Commissioner
    }
}

/// A codebook the person may read, or "not found".
pub async fn readable(state: &AppState, viewer: &Viewer, id: i64) -> WebResult<Codebook> {
    let c = state.store.get_codebook(id).await?;
    if viewer.can_read(&c) {
        Ok(c)
    } else {
        Err(WebError::NotFound)
    }
}

/// A codebook the person may change; a reader who may not change it is refused.
pub async fn editable(state: &AppState, viewer: &Viewer, id: i64) -> WebResult<Codebook> {
    let c = readable(state, viewer, id).await?;
    if viewer.can_edit(&c) {
        Ok(c)
    } else {
        Err(WebError::Forbidden)
    }
}

/// A codebook whose figures the person may see.
pub async fn with_figures(state: &AppState, viewer: &Viewer, id: i64) -> WebResult<Codebook> {
    let c = state.store.get_codebook(id).await?;
    if viewer.can_view_figures(&c) {
        Ok(c)
    } else {
        Err(WebError::NotFound)
    }
}

/// A codebook of the person's own MNVP that they may code with: the lead always, volunteers
/// the lead has asked to code.
pub async fn codable(state: &AppState, viewer: &Viewer, id: i64) -> WebResult<Codebook> {
    let c = state.store.get_codebook(id).await?;
    if !(c.mnvp_id.is_some() && c.mnvp_id == viewer.org_id) {
        return Err(WebError::NotFound);
    }
    match viewer.role {
        Role::MnvpLead => Ok(c),
        Role::Volunteer => {
            if state
                .store
                .codebook_coders(id)
                .await?
                .contains(&viewer.user_id)
            {
                Ok(c)
            } else {
                Err(WebError::Forbidden)
            }
        }
        _ => Err(WebError::Forbidden),
    }
}
