//! The rules of `hyoka check`, by category: one file and one type per code, each declaring its
//! code, name, default severity and summaries ([`super::rule::RuleDef`]) beside what it looks
//! for. The registry (`super::registry`) lists each once.

pub mod across;
pub mod citations;
pub mod completeness;
pub mod consistency;
pub mod dates;
pub mod flows;
pub mod history;
pub mod hygiene;
pub mod threshold;
