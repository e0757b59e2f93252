//! The rules, by category; the registry (`super::registry`) lists them with their codes.

pub mod citations;
pub mod completeness;
pub mod consistency;
pub mod dates;
pub mod flows;
pub mod history;
pub mod hygiene;
pub mod threshold;
