"""Debian's Chromium, as the tests and the measuring scripts start it (browsers can't be downloaded here).

Without the background-networking flag Chromium tries Google's hosts at every start; the tests fail on any
request that leaves the test server.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
