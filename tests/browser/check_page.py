"""Opens a page in headless Chromium through chromedriver (Selenium) and reports, as JSON on
stdout, what tests/status_page.rs asserts: whether any script ran or exists, whether the text
it is told to look for is there, and axe-core's accessibility violations.

Usage: python3 check_page.py PAGE.html AXE.min.js TEXT
"""

import json
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service


def main():
    page, axe_path, text = sys.argv[1], sys.argv[2], sys.argv[3]
    profile = tempfile.mkdtemp(prefix="speca-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1200,2000",
    ]:
        options.add_argument(flag)
    # An alert left open must be seen, not dismissed by the driver.
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_script_timeout(60)
        driver.get("file://" + page)
        try:
            alert = driver.switch_to.alert
            alert_text = alert.text
            alert.dismiss()
        except NoAlertPresentException:
            alert_text = None
        report = driver.execute_script(
            """
            const handlers = [];
            for (const element of document.querySelectorAll('*')) {
              for (const attribute of element.attributes) {
                if (attribute.name.toLowerCase().startsWith('on')) {
                  handlers.push(element.tagName + ' ' + attribute.name);
                }
              }
            }
            return {
              scripts: document.querySelectorAll('script').length,
              pwned: window.__pwned !== undefined,
              text_found: document.body.innerText.includes(arguments[0]),
              event_handlers: handlers,
              lang: document.documentElement.lang,
            };
            """,
            text,
        )
        report["alert"] = alert_text
        # axe-core is injected only now, after the page was checked for scripts.
        with open(axe_path, encoding="utf-8") as f:
            driver.execute_script(f.read())
        results = driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
              .then(results => done({violations: results.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.html.slice(0, 200)),
              })), passes: results.passes.length}))
              .catch(error => done({error: String(error)}));
            """
        )
        report["axe"] = results
        print(json.dumps(report))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
