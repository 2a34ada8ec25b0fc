//! Walking a cursor-paginated list one certificate at a time.

use std::collections::VecDeque;
use std::fmt;
use std::future::{poll_fn, Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use openai_admin_types::{Certificate, CursorPage};

use crate::resources::scope::Scope;
use crate::{Client, Error, ListParams, Response};

type PageFuture =
    Pin<Box<dyn Future<Output = Result<Response<CursorPage<Certificate>>, Error>> + Send>>;

/// Every certificate of a list, fetching the next page only when the current one has
/// been used up.
///
/// The next page is requested while the last one said `has_more` and gave a cursor
/// (`last_id`); an empty page that says `has_more` is not taken as the end. A cursor
/// that does not move ends the walk with [`Error::StalledCursor`] rather than looping,
/// and [`max_pages`](Self::max_pages) caps how many pages are fetched. Use it as a
/// [`Stream`] or through [`next`](Self::next) and [`collect`](Self::collect).
///
/// ```no_run
/// # async fn run(client: openai_admin::Client) -> Result<(), openai_admin::Error> {
/// use openai_admin::ListParams;
///
/// let mut certificates = client.organization().certificates().list_all(ListParams::new().limit(100));
/// while let Some(certificate) = certificates.next().await {
///     println!("{}", certificate?.id);
/// }
/// # Ok(()) }
/// ```
#[must_use = "a pager fetches nothing until it is polled"]
pub struct CertificatePager {
    client: Client,
    scope: Scope,
    params: ListParams,
    buffer: VecDeque<Certificate>,
    in_flight: Option<PageFuture>,
    state: State,
    pages: u32,
    max_pages: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// The next page starts after this cursor (`None` for the first page).
    More(Option<String>),
    /// The list has been walked to its end.
    End,
    /// The page cap stopped the walk although the list had more.
    Capped,
    /// An error ended the walk.
    Failed,
}

impl CertificatePager {
    pub(crate) fn new(client: Client, scope: Scope, params: ListParams) -> Self {
        let first = params.after.clone();
        Self {
            client,
            scope,
            params,
            buffer: VecDeque::new(),
            in_flight: None,
            state: State::More(first),
            pages: 0,
            max_pages: None,
        }
    }

    /// Fetches at most `pages` pages; the walk then ends as if the list had.
    /// [`stopped_at_page_cap`](Self::stopped_at_page_cap) tells the two apart.
    pub fn max_pages(mut self, pages: u32) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> u32 {
        self.pages
    }

    /// Whether the walk ended at the page cap while the list had more.
    pub fn stopped_at_page_cap(&self) -> bool {
        self.state == State::Capped
    }

    /// The next certificate, fetching a page if needed; `None` at the end.
    pub async fn next(&mut self) -> Option<Result<Certificate, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every remaining certificate, or the first error.
    ///
    /// # Errors
    ///
    /// The first [`Error`] of any page fetch, including [`Error::StalledCursor`].
    pub async fn collect(mut self) -> Result<Vec<Certificate>, Error> {
        let mut all = Vec::new();
        while let Some(certificate) = self.next().await {
            all.push(certificate?);
        }
        Ok(all)
    }

    fn start_fetch(&mut self, after: Option<String>) {
        let params = ListParams {
            after,
            ..self.params.clone()
        };
        let call = self.scope.list(self.client.clone(), &params);
        self.in_flight = Some(call.into_future());
    }

    /// Takes a fetched page: buffers its certificates and works out what comes next. A
    /// page that repeats the cursor it was asked with is dropped, not buffered.
    fn take_page(&mut self, page: CursorPage<Certificate>) -> Result<(), Error> {
        self.pages += 1;
        let asked_after = match &self.state {
            State::More(after) => after.clone(),
            _ => None,
        };
        let cursor = page
            .last_id
            .clone()
            .or_else(|| page.data.last().map(|c| c.id.clone()));

        self.state = match cursor {
            Some(cursor) if page.has_more && asked_after.as_deref() == Some(cursor.as_str()) => {
                return Err(Error::StalledCursor {
                    cursor,
                    pages: self.pages,
                });
            }
            Some(cursor) if page.has_more => State::More(Some(cursor)),
            _ => State::End,
        };
        self.buffer.extend(page.data);
        Ok(())
    }
}

impl Stream for CertificatePager {
    type Item = Result<Certificate, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(certificate) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(certificate)));
            }
            if let Some(in_flight) = &mut this.in_flight {
                let fetched = std::task::ready!(in_flight.as_mut().poll(cx));
                this.in_flight = None;
                let taken = fetched.and_then(|page| this.take_page(page.into_value()));
                if let Err(error) = taken {
                    this.state = State::Failed;
                    return Poll::Ready(Some(Err(error)));
                }
                continue;
            }
            match this.state.clone() {
                State::More(_) if this.max_pages.is_some_and(|cap| this.pages >= cap) => {
                    this.state = State::Capped;
                }
                State::More(after) => this.start_fetch(after),
                State::End | State::Capped | State::Failed => return Poll::Ready(None),
            }
        }
    }
}

impl fmt::Debug for CertificatePager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertificatePager")
            .field("scope", &self.scope)
            .field("params", &self.params)
            .field("buffered", &self.buffer.len())
            .field("state", &self.state)
            .field("pages", &self.pages)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}
