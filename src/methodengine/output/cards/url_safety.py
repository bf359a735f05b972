"""What a card may link to: nothing but ``data:`` URLs, so that a PDF never reads a file or the network."""

from __future__ import annotations

from typing import Any

from methodengine.i18n import _


def check_url(url: str) -> None:
    """Cards are self-contained: of all URLs, only ``data:`` ones are read; never a file, never the network.

    Raises ValueError for any other URL; WeasyPrint then leaves out what it
    points to. Templates of your own (``--templates``) may otherwise make
    the PDF read files or reach servers.
    """
    if not url.lstrip().lower().startswith("data:"):
        raise ValueError(_("cards are self-contained and fetch nothing: {url}", url=url[:200]))


def url_fetcher() -> Any:
    """WeasyPrint's URL fetcher, with every URL first checked by :func:`check_url`."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # newer WeasyPrint: a fetcher is a URLFetcher, whose ``fetch`` fetches

        class SelfContained(urls.URLFetcher):  # type: ignore[misc, name-defined]
            def fetch(self, url: str, headers: Any = None) -> Any:
                check_url(url)
                return super().fetch(url, headers)

        return SelfContained(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint: a fetcher is a function
        check_url(url)
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch
