//! Every route of the app, in one place: the path segments, the links to each route,
//! and the list of concrete paths a build pre-renders.
//!
//! The router (`app.rs`) builds its routes from [`Route::ALL`]'s segments, components
//! link with the builders below, `cargo xtask dist` pre-renders [`paths`] and writes
//! them for the end-to-end tests (`dist.routes.json`, beside the site). Nothing else
//! spells a route.

use leptos_router::{
    ParamSegment, PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment,
};
use serde::Serialize;

use crate::content::{ContentIndex, PageKind};

/// The accessibility statement: `/toegankelijkheid` and `/:org/toegankelijkheid`.
pub const STATEMENT: &str = "toegankelijkheid";
/// Search within an organisation's pages: `/:org/zoeken?q=…`.
pub const SEARCH: &str = "zoeken";
/// The embed snippet for an organisation's web editors: `/:org/insluiten`.
pub const EMBED: &str = "insluiten";
/// What the app keeps and sends, and whom to ask: `/:org/privacy`.
pub const PRIVACY: &str = "privacy";
/// What changed in an organisation's pages, newest first: `/:org/wijzigingen` (its
/// feed is `wijzigingen.xml` beside it).
pub const CHANGES: &str = "wijzigingen";
/// The content studio for editors, `/redactie/`: a bundle of its own beside the app
/// (the `studio` crate), not a route of it, but a segment no organisation may take.
pub const STUDIO: &str = "redactie";
/// The id of every page's `<main>`, the skip link's target.
pub const MAIN_ID: &str = "inhoud";
/// The organisation in a route's path: `/:org`.
const ORG: ParamSegment = ParamSegment("org");
/// One of the organisation's pages in a route's path: `/:org/:page`.
const PAGE: ParamSegment = ParamSegment("page");
/// A segment that names no page: where a build writes its not-found pages.
const UNKNOWN_PAGE: &str = "niet-gevonden";

/// The routes, in the order the router tries them: fixed paths before `:org` and
/// `:page`, the first that matches wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the organisations of this build.
    Home,
    /// `/toegankelijkheid`: the app's accessibility statement.
    SiteStatement,
    /// `/:org`: the organisation's start page.
    OrgStart,
    /// `/:org/zoeken`.
    Search,
    /// `/:org/toegankelijkheid`.
    OrgStatement,
    /// `/:org/insluiten`.
    Embed,
    /// `/:org/privacy`.
    Privacy,
    /// `/:org/wijzigingen`: what changed, from the change notes.
    Changes,
    /// `/:org/:page`: one of the four pages (or a page the organisation lacks).
    OrgPage,
}

impl Route {
    pub const ALL: [Route; 9] = [
        Route::Home,
        Route::SiteStatement,
        Route::OrgStart,
        Route::Search,
        Route::OrgStatement,
        Route::Embed,
        Route::Privacy,
        Route::Changes,
        Route::OrgPage,
    ];

    /// The segments of the route's path, as the router matches them: the one place a
    /// route's path is written.
    fn segments(self) -> &'static (dyn PossibleRouteMatch + Send + Sync) {
        match self {
            Route::Home => &StaticSegment(""),
            Route::SiteStatement => &StaticSegment(STATEMENT),
            Route::OrgStart => &ORG,
            Route::Search => &(ORG, StaticSegment(SEARCH)),
            Route::OrgStatement => &(ORG, StaticSegment(STATEMENT)),
            Route::Embed => &(ORG, StaticSegment(EMBED)),
            Route::Privacy => &(ORG, StaticSegment(PRIVACY)),
            Route::Changes => &(ORG, StaticSegment(CHANGES)),
            Route::OrgPage => &(ORG, PAGE),
        }
    }

    /// The pattern, as the router reads it ("/:org/zoeken").
    pub fn pattern(self) -> String {
        let mut segments = Vec::new();
        self.generate_path(&mut segments);
        let pattern: String = segments
            .iter()
            .map(|s| match s {
                PathSegment::Param(name) => format!("/:{name}"),
                s if s.as_raw_str().is_empty() => String::new(),
                s => format!("/{}", s.as_raw_str()),
            })
            .collect();
        if pattern.is_empty() {
            "/".into()
        } else {
            pattern
        }
    }

    /// Whether `path` ("/herentals/zoeken", without the base) matches this route
    /// whole, as the router decides it.
    fn matches(self, path: &str) -> bool {
        self.test(path).is_some_and(|m| m.is_complete())
    }

    /// The route that renders `path`, if any (anything else is not found): the first
    /// in [`Route::ALL`] that matches, as in the router.
    pub fn of(path: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.matches(path))
    }
}

/// The router matches a route by its [segments](Route::segments), so `app.rs` builds
/// its routes from [`Route::ALL`] and no path is written twice.
impl PossibleRouteMatch for Route {
    fn optional(&self) -> bool {
        self.segments().optional()
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        self.segments().test(path)
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        self.segments().generate_path(path);
    }
}

/// `/`
pub fn home() -> String {
    "/".into()
}

/// `/toegankelijkheid`
pub fn site_statement() -> String {
    format!("/{STATEMENT}")
}

/// `/herentals`
pub fn org_start(org: &str) -> String {
    format!("/{org}")
}

/// `/herentals/missie`
pub fn org_page(org: &str, kind: PageKind) -> String {
    format!("/{org}/{}", kind.slug())
}

/// `/herentals/zoeken`
pub fn search(org: &str) -> String {
    format!("/{org}/{SEARCH}")
}

/// `/herentals/toegankelijkheid`
pub fn org_statement(org: &str) -> String {
    format!("/{org}/{STATEMENT}")
}

/// `/herentals/insluiten`
pub fn embed(org: &str) -> String {
    format!("/{org}/{EMBED}")
}

/// `/herentals/privacy`
pub fn privacy(org: &str) -> String {
    format!("/{org}/{PRIVACY}")
}

/// `/herentals/wijzigingen`
pub fn changes(org: &str) -> String {
    format!("/{org}/{CHANGES}")
}

/// `/herentals/wijzigingen.xml`: the Atom feed of the change notes, a file the build
/// writes for an organisation with notes (not a route of the app).
pub fn feed(org: &str) -> String {
    format!("/{org}/{CHANGES}.xml")
}

/// The anchor of change note `number` (counted from the oldest, 1 first) on the
/// changes page: it keeps its anchor when newer notes are added above it.
pub fn change_anchor(number: usize) -> String {
    format!("wijziging-{number}")
}

/// `/herentals/zoeken?q=…`: the search page with a query.
pub fn search_for(org: &str, query: &str) -> String {
    format!("{}?q={}", search(org), encode_query_value(query))
}

/// A value for a URL's query (`?q=…`): everything but the unreserved characters of
/// RFC 3986 escaped, so any text is safe in any URL.
pub fn encode_query_value(text: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}

/// `#inhoud`: the link to the page's main content.
pub fn main_fragment() -> String {
    format!("#{MAIN_ID}")
}

/// The routes of one organisation, by name. Every page kind is a route, also one the
/// organisation has no content for: it says so plainly, with links on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgPaths {
    pub slug: String,
    pub start: String,
    /// The four pages, in navigation order.
    pub pages: Vec<PagePath>,
    pub search: String,
    pub statement: String,
    pub embed: String,
    pub privacy: String,
    /// What changed (for an organisation without notes it says there is nothing yet).
    pub changes: String,
    /// A path under the organisation that matches no page: its own not-found page
    /// (`<org>/404.html`), not one of [`OrgPaths::all`].
    pub not_found: String,
}

impl OrgPaths {
    pub fn of(org: &str) -> OrgPaths {
        OrgPaths {
            slug: org.to_string(),
            start: org_start(org),
            pages: PageKind::ALL
                .iter()
                .map(|&k| PagePath {
                    kind: k.slug(),
                    path: org_page(org, k),
                })
                .collect(),
            search: search(org),
            statement: org_statement(org),
            embed: embed(org),
            privacy: privacy(org),
            changes: changes(org),
            not_found: format!("/{org}/{UNKNOWN_PAGE}"),
        }
    }

    /// Every path, in a stable order.
    pub fn all(&self) -> Vec<String> {
        let mut all = vec![self.start.clone()];
        all.extend(self.pages.iter().map(|p| p.path.clone()));
        all.extend([
            self.embed.clone(),
            self.search.clone(),
            self.statement.clone(),
            self.privacy.clone(),
            self.changes.clone(),
        ]);
        all
    }
}

/// One of an organisation's four pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PagePath {
    /// "missie", "visie", "ambities" or "contact".
    pub kind: &'static str,
    pub path: String,
}

/// Every path a build carries: what `cargo xtask dist` pre-renders, and what it
/// writes beside the site (`dist.routes.json`) for the end-to-end tests.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Paths {
    /// The routes of no organisation: `/`, `/toegankelijkheid`.
    pub site: Vec<String>,
    pub organisations: Vec<OrgPaths>,
    /// A path that matches no route (written as the not-found page, `404.html`).
    pub not_found: String,
    /// The segments and ids that tests need to name.
    pub main_id: &'static str,
    pub page_kinds: Vec<&'static str>,
}

impl Paths {
    /// Every path of the site and of every organisation, the not-found one excluded.
    pub fn all(&self) -> Vec<String> {
        let mut all = self.site.clone();
        for org in &self.organisations {
            all.extend(org.all());
        }
        all
    }
}

/// The paths of a build with the organisations of `index`.
pub fn paths(index: &ContentIndex) -> Paths {
    // Any path the index does not know renders the not-found page.
    let mut unknown = UNKNOWN_PAGE.to_string();
    while index.organisations.iter().any(|e| e.slug == unknown) {
        unknown.push('-');
    }
    Paths {
        site: vec![home(), site_statement()],
        organisations: index
            .organisations
            .iter()
            .map(|e| OrgPaths::of(&e.slug))
            .collect(),
        not_found: format!("/{unknown}"),
        main_id: MAIN_ID,
        page_kinds: PageKind::ALL.iter().map(|k| k.slug()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::IndexEntry;

    fn index(slugs: &[&str]) -> ContentIndex {
        ContentIndex {
            organisations: slugs
                .iter()
                .map(|s| IndexEntry {
                    slug: s.to_string(),
                    name: s.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn every_route_is_pre_rendered_and_every_path_has_a_route() {
        let paths = paths(&index(&["voorbeeldgem", "ocmw-voorbeeld"]));
        let all = paths.all();
        for route in Route::ALL {
            assert!(
                all.iter().any(|p| Route::of(p) == Some(route)),
                "no pre-rendered path for {}",
                route.pattern()
            );
        }
        for path in &all {
            assert!(Route::of(path).is_some(), "{path} matches no route");
        }
        assert_eq!(Route::of(&paths.not_found), Some(Route::OrgStart));
    }

    /// Moved whole from xtask's link check, which now takes its routes from here.
    #[test]
    fn every_organisation_has_all_its_routes() {
        assert_eq!(
            OrgPaths::of("heusden-zolder").all(),
            [
                "/heusden-zolder",
                "/heusden-zolder/missie",
                "/heusden-zolder/visie",
                "/heusden-zolder/ambities",
                "/heusden-zolder/contact",
                "/heusden-zolder/insluiten",
                "/heusden-zolder/zoeken",
                "/heusden-zolder/toegankelijkheid",
                "/heusden-zolder/privacy",
                "/heusden-zolder/wijzigingen"
            ]
        );
    }

    #[test]
    fn the_patterns_are_read_from_the_routers_segments() {
        assert_eq!(
            Route::ALL.map(Route::pattern),
            [
                "/",
                "/toegankelijkheid",
                "/:org",
                "/:org/zoeken",
                "/:org/toegankelijkheid",
                "/:org/insluiten",
                "/:org/privacy",
                "/:org/wijzigingen",
                "/:org/:page"
            ]
        );
    }

    #[test]
    fn queries_are_escaped_for_the_url() {
        assert_eq!(encode_query_value("zorg op maat"), "zorg%20op%20maat");
        assert_eq!(
            encode_query_value("continuüm & co"),
            "continu%C3%BCm%20%26%20co"
        );
    }

    #[test]
    fn fixed_segments_win_over_parameters() {
        assert_eq!(Route::of("/voorbeeldgem/zoeken"), Some(Route::Search));
        assert_eq!(Route::of("/voorbeeldgem/insluiten"), Some(Route::Embed));
        assert_eq!(
            Route::of("/voorbeeldgem/toegankelijkheid"),
            Some(Route::OrgStatement)
        );
        assert_eq!(Route::of("/voorbeeldgem/privacy"), Some(Route::Privacy));
        assert_eq!(Route::of("/voorbeeldgem/wijzigingen"), Some(Route::Changes));
        assert_eq!(Route::of("/voorbeeldgem/missie"), Some(Route::OrgPage));
        assert_eq!(Route::of("/toegankelijkheid"), Some(Route::SiteStatement));
        assert_eq!(Route::of("/"), Some(Route::Home));
        assert_eq!(Route::of("/voorbeeldgem/"), Some(Route::OrgStart));
        assert_eq!(Route::of("/a/b/c"), None);
    }

    /// Content refuses these as slugs; the content model knows no routes, so this test
    /// keeps its list equal to the site's own first segments.
    #[test]
    fn content_reserves_every_segment_of_the_site_itself() {
        let own: Vec<String> = Route::ALL
            .iter()
            .filter_map(|r| {
                let pattern = r.pattern();
                let first = pattern.trim_start_matches('/').split('/').next()?;
                (!first.is_empty() && !first.starts_with(':')).then(|| first.to_string())
            })
            .chain([STUDIO.to_string()])
            .collect();
        assert_eq!(own, crate::content::RESERVED_SLUGS);
    }

    #[test]
    fn the_not_found_path_avoids_every_organisation() {
        let paths = paths(&index(&["niet-gevonden"]));
        assert_eq!(paths.not_found, "/niet-gevonden-");
    }
}
