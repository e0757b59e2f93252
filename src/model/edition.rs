//! Known form editions, from `templates/editions.yaml`.

use std::sync::OnceLock;

use super::FormKind;
use crate::yaml::{self, NodeKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub form: FormKind,
    /// The name an assessment pins, e.g. `平成31年1月`.
    pub name: String,
    /// What the form prints, e.g. `[平成31年１月　様式２]`.
    pub stamp: String,
    pub confirmed: bool,
}

pub fn all() -> &'static [Edition] {
    static ALL: OnceLock<Vec<Edition>> = OnceLock::new();
    ALL.get_or_init(|| {
        let root = yaml::parse(
            crate::templates::expect("editions.yaml"),
            &yaml::Limits::default(),
        )
        .expect("templates/editions.yaml parses");
        let mut out = Vec::new();
        if let NodeKind::Map(forms) = &root.kind {
            for (form, editions) in forms {
                let Some(form) = form.as_str().and_then(FormKind::from_written) else {
                    continue;
                };
                let NodeKind::Map(editions) = &editions.kind else {
                    continue;
                };
                for (name, body) in editions {
                    out.push(Edition {
                        form,
                        name: name.as_str().unwrap_or_default().to_string(),
                        stamp: body
                            .child("stamp")
                            .and_then(|n| n.as_str())
                            .unwrap_or_default()
                            .to_string(),
                        confirmed: body.child("confirmed").and_then(|n| n.as_str()) == Some("true"),
                    });
                }
            }
        }
        out
    })
}

/// Editions of one form, oldest first as listed.
pub fn of(form: FormKind) -> impl Iterator<Item = &'static Edition> {
    all().iter().filter(move |e| e.form == form)
}

/// Finds an edition by the name written in an assessment (full- or half-width digits).
pub fn find(form: FormKind, written: &str) -> Option<&'static Edition> {
    let w = crate::text::fold_width(written.trim());
    of(form).find(|e| crate::text::fold_width(&e.name) == w)
}

/// The newest known edition of a form, for scaffolding new assessments.
pub fn latest(form: FormKind) -> Option<&'static Edition> {
    of(form).last()
}
