//! Who acts on a case: a staff member's id, name, duties, provider and region, as the engine
//! needs them (not the HTTP session they came with).

use crate::db::applications::Case;
use domain::duty::Duty;

/// A person acting on cases (an officer, an operator) or the system itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub full_name: String,
    /// The person's IIN: an official's signature must be their own key's.
    pub iin: Option<String>,
    pub duties: Vec<Duty>,
    /// The provider (body) they work for.
    pub provider: Option<String>,
    /// The region a regional body's staff serve.
    pub region: Option<String>,
}

/// Steps the system takes by itself are recorded with this actor id.
pub const SYSTEM: &str = "system";

impl Actor {
    pub fn holds(&self, duty: Duty) -> bool {
        self.duties.contains(&duty)
    }

    /// Whether the case is within reach: the actor's own provider's, and for regional staff
    /// their own region's.
    pub fn reaches(&self, case: &Case) -> bool {
        Some(&case.provider) == self.provider.as_ref()
            && self
                .region
                .as_ref()
                .is_none_or(|r| case.region.as_ref() == Some(r))
    }
}
