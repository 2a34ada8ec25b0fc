//! `certificates list`: one page, or every page with `--all`.
//!
//! One page prints as the API gave it, with `more: --after <ID>` on stderr when more
//! follow. `--all` prints every certificate at once, and only once the walk has ended:
//! an error on a later page prints nothing on stdout, so a script never takes part of
//! a list for all of it. Its JSON is one page holding every certificate, shaped as the
//! API's page is (`object`, `data`, `first_id`, `last_id`, `has_more: false`), so one
//! parser reads both. On a terminal, `--all` shows `pages 4, certificates 380` while
//! it waits for each page, and clears it before printing.

use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use openai_admin::resources::{CertificateScope, Certificates};
use openai_admin::types::{Certificate, CursorPage, Extra};
use openai_admin::{CertificatePager, Client, ListParams};

use crate::args::ListArgs;
use crate::exit::{self, Status};
use crate::output::{self, certificates_table, Format};
use crate::printable::printable;
use crate::progress::{pages_line, ProgressTo};

/// The most pages `--all` fetches.
///
/// A server that kept handing out new cursors would otherwise keep the command
/// running forever (a cursor that does not move is caught by the pager itself). An
/// organization holds 50 certificates unless its limit was raised, so even at
/// `--limit 1` this is far more than a real list has.
const MAX_PAGES: u32 = 10_000;

/// Lists the organization's certificates, or a project's with `--project`.
///
/// `--limit 0`, `--limit 101` and an empty `--after` are refused by the client before
/// anything is sent (exit 2). `--all` draws its progress on `progress`.
pub async fn run(client: &Client, args: ListArgs, progress: ProgressTo) -> Status {
    let params = params(&args);
    let format = Format::of(args.json);
    let all = args.all.then_some(progress);
    match &args.project {
        Some(project) => {
            let certificates = client.organization().project(project).certificates();
            in_scope(&certificates, params, all, format).await
        }
        None => in_scope(&client.organization().certificates(), params, all, format).await,
    }
}

fn params(args: &ListArgs) -> ListParams {
    let mut params = ListParams::new();
    if let Some(limit) = args.limit {
        params = params.limit(limit);
    }
    if let Some(after) = &args.after {
        params = params.after(after.as_str());
    }
    if let Some(order) = args.order {
        params = params.order(order.into());
    }
    params
}

/// One page, or with `all` (`--all`, and where its progress goes) every page.
async fn in_scope<S: CertificateScope>(
    certificates: &Certificates<S>,
    params: ListParams,
    all: Option<ProgressTo>,
    format: Format,
) -> Status {
    if let Some(progress) = all {
        return every_page(certificates.list_all(params), format, progress).await;
    }
    match certificates.list(params).await {
        Ok(response) => {
            let notes: Vec<String> = more_line(&response).into_iter().collect();
            output::answer(
                format,
                &response,
                |page| certificates_table(&page.data),
                &notes,
            )
        }
        Err(error) => exit::error(&error),
    }
}

/// `more: --after <cursor>` when the page says more follow.
fn more_line(page: &CursorPage<Certificate>) -> Option<String> {
    if !page.has_more {
        return None;
    }
    let cursor = page
        .last_id
        .as_deref()
        .or_else(|| page.data.last().map(|certificate| certificate.id.as_str()));
    Some(match cursor {
        Some(cursor) => format!("more: --after {}", printable(cursor)),
        None => "more: the API says more follow but gave no cursor".to_owned(),
    })
}

async fn every_page(pager: CertificatePager, format: Format, progress: ProgressTo) -> Status {
    let mut pager = pager.max_pages(MAX_PAGES);
    let mut progress = progress.start();
    let mut all = Vec::new();
    loop {
        // The pager is pending only while it waits for a page, which is when the
        // progress line is worth drawing; it says what has been had so far.
        let next = poll_fn(|cx| {
            let next = Pin::new(&mut pager).poll_next(cx);
            if next.is_pending() {
                progress.show(&pages_line(pager.pages_fetched(), all.len()));
            }
            next
        })
        .await;
        match next {
            Some(Ok(certificate)) => all.push(certificate),
            Some(Err(error)) => {
                progress.clear();
                return exit::error(&error);
            }
            None => break,
        }
    }
    progress.clear();
    if pager.stopped_at_page_cap() {
        return exit::failure(&format!(
            "the list did not end after {MAX_PAGES} pages, so none of it was printed"
        ));
    }

    // Limitation: the pager does not hand out the request ids of its pages, so `--all`
    // reports how many pages it fetched instead.
    let pages = format!("pages: {}", pager.pages_fetched());
    output::print(
        format,
        &whole_list(all),
        |page| certificates_table(&page.data),
        &[pages],
    )
}

/// Every certificate as one page that has nothing after it.
fn whole_list(data: Vec<Certificate>) -> CursorPage<Certificate> {
    CursorPage {
        object: "list".to_owned(),
        first_id: data.first().map(|certificate| certificate.id.clone()),
        last_id: data.last().map(|certificate| certificate.id.clone()),
        has_more: false,
        data,
        extra: Extra::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn page(body: serde_json::Value) -> CursorPage<Certificate> {
        serde_json::from_value(body).unwrap()
    }

    fn certificate(id: &str) -> serde_json::Value {
        json!({"object":"organization.certificate","id":id,"name":null,"active":true,
            "created_at":0,"certificate_details":{}})
    }

    #[test]
    fn more_line_gives_the_cursor_only_when_more_follow() {
        let last = page(json!({"object":"list","data":[certificate("cert_a")],
            "first_id":"cert_a","last_id":"cert_a","has_more":false}));
        assert_eq!(more_line(&last), None);

        let more = page(json!({"object":"list","data":[certificate("cert_a")],
            "first_id":"cert_a","last_id":"cert_a","has_more":true}));
        assert_eq!(more_line(&more).as_deref(), Some("more: --after cert_a"));
    }

    #[test]
    fn more_line_falls_back_to_the_last_id_on_the_page() {
        let no_cursor = page(json!({"object":"list","data":[certificate("cert_b")],
            "has_more":true}));
        assert_eq!(
            more_line(&no_cursor).as_deref(),
            Some("more: --after cert_b")
        );

        let empty = page(json!({"object":"list","data":[],"has_more":true}));
        assert_eq!(
            more_line(&empty).as_deref(),
            Some("more: the API says more follow but gave no cursor")
        );
    }

    #[test]
    fn whole_list_is_one_page_with_nothing_after_it() {
        let all = vec![
            serde_json::from_value(certificate("cert_a")).unwrap(),
            serde_json::from_value(certificate("cert_b")).unwrap(),
        ];
        assert_eq!(
            serde_json::to_value(whole_list(all)).unwrap(),
            json!({"object":"list","data":[certificate("cert_a"), certificate("cert_b")],
                "first_id":"cert_a","last_id":"cert_b","has_more":false})
        );
        assert_eq!(
            serde_json::to_value(whole_list(Vec::new())).unwrap(),
            json!({"object":"list","data":[],"first_id":null,"last_id":null,
                "has_more":false})
        );
    }
}
