//! Rules across documents: a notice of purposes of use checked together with the assessments
//! of the same body (`hyoka check assessment.yaml notice.yaml`, or a folder holding both). What
//! they know of an assessment is `check::cross::Facts`.

mod delegation_not_in_notice;
mod notice_linkage_without_basis;
mod provision_not_in_notice;

pub use delegation_not_in_notice::DelegationNotInNotice;
pub use notice_linkage_without_basis::NoticeLinkageWithoutBasis;
pub use provision_not_in_notice::ProvisionNotInNotice;
