//! The one place content is loaded: fetched with gloo-net in the browser, validated,
//! kept for the rest of the visit, and exposed to pages as reactive state.
//!
//! Pages never fetch. They read [`ContentStore`] from context, so the same page renders
//! in the browser, in native tests and when pre-rendering (where the store is filled
//! up front with [`ContentStore::preloaded`]).

use std::fmt;
use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::fetch::{spawn, FetchError};
use crate::content::{parse_index, parse_organisation, ContentIndex, Organisation, Problems};

/// Why content could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, DNS, connection refused, or the timeout passed.
    Network { url: String, detail: String },
    /// The server answered with an error status.
    Http { url: String, status: u16 },
    /// The file arrived but breaks the content rules.
    Invalid(Problems),
    /// The organisation is not in this build's index.
    UnknownOrganisation(String),
}

impl LoadError {
    /// What a resident reads (Dutch, plain).
    pub fn resident_message(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "De inhoud kon niet geladen worden. Misschien is er geen internetverbinding. Probeer het opnieuw.",
            LoadError::Http { .. } => "De inhoud is nu niet beschikbaar. Probeer het over enkele ogenblikken opnieuw.",
            LoadError::Invalid(_) => "Deze inhoud bevat een fout en kan niet getoond worden. De beheerder van de website kan dit oplossen. Probeer het later opnieuw.",
            LoadError::UnknownOrganisation(_) => "Dit bestuur staat niet in deze app.",
        }
    }

    /// Whether trying again may help.
    pub fn retryable(&self) -> bool {
        !matches!(self, LoadError::UnknownOrganisation(_))
    }
}

impl fmt::Display for LoadError {
    /// The precise cause, for the console and for editors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, detail } => write!(f, "{url}: request failed: {detail}"),
            LoadError::Http { url, status } => write!(f, "{url}: server answered HTTP {status}"),
            LoadError::Invalid(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                write!(f, "{}", lines.join("\n"))
            }
            LoadError::UnknownOrganisation(slug) => {
                write!(f, "\"{slug}\" is not listed in content/index.json")
            }
        }
    }
}

/// The state of one piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Loaded(Arc<T>),
    /// Failed; `previous` keeps what was shown before a failed retry, so nothing is lost.
    Failed {
        error: LoadError,
        previous: Option<Arc<T>>,
    },
}

impl<T> Load<T> {
    /// What can be shown: the loaded value, or the one from before a failed retry.
    pub fn value(&self) -> Option<Arc<T>> {
        match self {
            Load::Loaded(v) => Some(v.clone()),
            Load::Failed { previous, .. } => previous.clone(),
            Load::Loading => None,
        }
    }
}

/// Content of this visit, shared through context. Cheap to copy.
///
/// An organisation's content is fetched on its own: the index of all organisations is
/// fetched only by the pages that show it (the start page, the not-found page, the
/// site's accessibility statement), so a resident of one organisation never downloads
/// the list of the others.
#[derive(Clone, Copy)]
pub struct ContentStore {
    index: RwSignal<Option<Load<ContentIndex>>>,
    orgs: RwSignal<BySlug>,
}

/// Organisations' states by slug. A list rather than a `HashMap`: a visit holds one
/// organisation or a few, and a map of its own cost the residents' wasm about 1 KB.
#[derive(Default)]
struct BySlug(Vec<(String, Load<Organisation>)>);

impl BySlug {
    fn get(&self, slug: &str) -> Option<&Load<Organisation>> {
        self.0
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, state)| state)
    }

    fn insert(&mut self, slug: String, state: Load<Organisation>) {
        match self.0.iter_mut().find(|(s, _)| *s == slug) {
            Some((_, old)) => *old = state,
            None => self.0.push((slug, state)),
        }
    }
}

impl ContentStore {
    /// A store that fetches on demand (the browser).
    pub fn new() -> Self {
        Self::preloaded(None, Vec::new())
    }

    /// A store that starts with the given content and fetches the rest on demand
    /// (native rendering and tests give it everything; a pre-rendered page gives its
    /// own organisation, and the index where it shows it).
    pub fn preloaded(index: Option<ContentIndex>, orgs: Vec<Organisation>) -> Self {
        let mut by_slug = BySlug::default();
        for o in orgs {
            by_slug.insert(o.slug.clone(), Load::Loaded(Arc::new(o)));
        }
        ContentStore {
            index: RwSignal::new(index.map(|i| Load::Loaded(Arc::new(i)))),
            orgs: RwSignal::new(by_slug),
        }
    }

    /// The state of the index of all organisations (reactive). Starts loading it the
    /// first time it is asked for.
    pub fn index(&self) -> Load<ContentIndex> {
        match self.index.get() {
            Some(state) => state,
            None => {
                self.fetch_index();
                Load::Loading
            }
        }
    }

    /// The state of an organisation's content (reactive). Starts loading it if needed.
    /// A slug that an index at hand does not list is unknown without a request.
    pub fn organisation(&self, slug: &str) -> Load<Organisation> {
        if let Some(state) = self.orgs.with(|m| m.get(slug).cloned()) {
            return state;
        }
        let unlisted = self.index.with(|i| {
            i.as_ref()
                .and_then(Load::value)
                .is_some_and(|index| index.organisations.iter().all(|e| e.slug != slug))
        });
        if unlisted {
            return Load::Failed {
                error: LoadError::UnknownOrganisation(slug.to_string()),
                previous: None,
            };
        }
        self.fetch_org(slug.to_string());
        Load::Loading
    }

    /// Tries again after a failure, keeping what is shown meanwhile. A failure with
    /// nothing to show becomes "loading" at once: the resident sees (and hears) that the retry runs, and its button is
    /// gone, so a second tap cannot start a second fetch.
    pub fn retry_organisation(&self, slug: &str) {
        if self
            .orgs
            .with_untracked(|m| m.get(slug).is_some_and(failed_empty))
        {
            self.orgs
                .update(|m| m.insert(slug.to_string(), Load::Loading));
        }
        self.fetch_org(slug.to_string());
    }

    /// As [`ContentStore::retry_organisation`], for the index.
    pub fn retry_index(&self) {
        if self
            .index
            .with_untracked(|s| s.as_ref().is_some_and(failed_empty))
        {
            self.index.set(Some(Load::Loading));
        }
        self.fetch_index();
    }

    fn fetch_index(&self) {
        let index = self.index;
        let previous = index.with_untracked(|s| s.as_ref().and_then(Load::value));
        // Mark as loading without a reactive write inside a read.
        index.update_untracked(|s| {
            s.get_or_insert(Load::Loading);
        });
        spawn(async move {
            let result = fetch_content("content/index.json").await.and_then(|bytes| {
                parse_index("content/index.json", &bytes).map_err(LoadError::Invalid)
            });
            index.set(Some(settle(result, previous)));
        });
    }

    fn fetch_org(&self, slug: String) {
        let orgs = self.orgs;
        let previous = orgs.with_untracked(|m| m.get(&slug).and_then(|s| s.value()));
        // Mark as loading without a reactive write inside a read.
        orgs.update_untracked(|m| {
            if m.get(&slug).is_none() {
                m.insert(slug.clone(), Load::Loading);
            }
        });
        spawn(async move {
            let file = format!("content/{slug}.json");
            let result = match fetch_content(&file).await {
                Err(LoadError::Http { status: 404, .. }) => {
                    Err(LoadError::UnknownOrganisation(slug.clone()))
                }
                other => other.and_then(|bytes| {
                    parse_organisation(&file, &bytes).map_err(LoadError::Invalid)
                }),
            };
            orgs.update(|m| {
                m.insert(slug, settle(result, previous));
            });
        });
    }
}

impl Default for ContentStore {
    fn default() -> Self {
        Self::new()
    }
}

/// A failure with nothing from before to show.
fn failed_empty<T>(state: &Load<T>) -> bool {
    matches!(state, Load::Failed { previous: None, .. })
}

fn settle<T>(result: Result<T, LoadError>, previous: Option<Arc<T>>) -> Load<T> {
    match result {
        Ok(v) => Load::Loaded(Arc::new(v)),
        Err(error) => {
            report(&error);
            Load::Failed { error, previous }
        }
    }
}

/// The precise cause goes to the console, for editors and developers.
fn report(error: &LoadError) {
    crate::browser::console::error(&error.to_string());
}

/// Fetches a content file relative to the document's base URL, with a timeout.
async fn fetch_content(url: &str) -> Result<Vec<u8>, LoadError> {
    crate::browser::fetch::get(url).await.map_err(|e| match e {
        FetchError::Network(detail) => LoadError::Network {
            url: url.to_string(),
            detail,
        },
        FetchError::Http(status) => LoadError::Http {
            url: url.to_string(),
            status,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_retry_keeps_what_was_shown() {
        let shown = Arc::new(7);
        let state = settle::<i32>(
            Err(LoadError::Http {
                url: "content/x.json".into(),
                status: 503,
            }),
            Some(shown.clone()),
        );
        assert!(matches!(state, Load::Failed { .. }));
        assert_eq!(state.value(), Some(shown), "nothing lost");
    }

    #[test]
    fn residents_read_dutch_and_editors_read_the_cause() {
        let error = LoadError::Network {
            url: "content/herentals.json".into(),
            detail: "no answer within 10 s".into(),
        };
        assert!(error.resident_message().contains("Probeer het opnieuw"));
        assert_eq!(
            error.to_string(),
            "content/herentals.json: request failed: no answer within 10 s"
        );
        assert!(error.retryable());
        assert!(!LoadError::UnknownOrganisation("x".into()).retryable());
    }
}
