"""Privacy: the site asks nothing of any other server, and nothing fails in the console."""

from urllib.parse import urlsplit

from recorder import Recorder, Visit


def test_every_request_goes_to_the_local_server(visits, site_url):
    local = urlsplit(site_url).netloc
    foreign = sorted(
        {
            f"{visit.viewport} /{visit.path}: {url}"
            for pages in visits.values()
            for visit in pages.values()
            for url in visit.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local
        }
    )
    assert foreign == [], "Anrop till andra servrar:\n" + "\n".join(foreign)


def test_the_recording_sees_scripts_styles_and_the_search_worker(visits):
    # Guards the test above: if nothing were recorded, "no foreign requests" would prove nothing.
    requested = {urlsplit(url).path for visit in visits["desktop"].values() for url in visit.requests}
    assert any(path.endswith(".css") for path in requested)
    assert any("/assets/javascripts/bundle." in path for path in requested)
    assert any(path.endswith("/assets/javascripts/search-worker.js") for path in requested)
    assert any(path.endswith("/search/search_index.json") for path in requested), "sökrutans inställningar"


def test_no_console_errors_or_failed_loads(visits):
    errors = [f"{visit.viewport} /{visit.path}: {error}" for pages in visits.values() for visit in pages.values() for error in visit.errors]
    assert errors == [], "\n".join(errors)


def test_the_recorder_catches_foreign_requests_and_console_errors(browser, site_url):
    """The recorder itself: a picture from elsewhere is seen and fails (no other host resolves), a console error is seen."""
    context = browser.new_context()
    recorder = Recorder(context)
    recorder.visit = Visit("prov", "desktop")
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("() => new Promise(done => { const img = new Image(); img.onerror = img.onload = done; img.src = 'https://example.org/spy.png'; })")
    page.evaluate("console.error('provfel')")
    context.close()
    assert "https://example.org/spy.png" in recorder.visit.requests
    assert any("example.org" in error for error in recorder.visit.errors)
    assert "konsolfel: provfel" in recorder.visit.errors
