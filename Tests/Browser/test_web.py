"""Drives the real CRM in headless Chromium, the way a salesperson uses it.

Started by scripts/browser-test, which runs `crm demo` and `crm serve` on a fresh SQLite file and passes
CRM_URL and CRM_ADMIN_PASSWORD. Screenshots go to CRM_SCREENSHOTS for a person to look at.
"""
import datetime
import email
import email.policy
import os
import pathlib
import re
import subprocess
import time
import urllib.parse

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["CRM_URL"]
PASSWORD = os.environ["CRM_ADMIN_PASSWORD"]
SHOTS = pathlib.Path(os.environ.get("CRM_SCREENSHOTS", "/tmp/crm-screenshots"))


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(3)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for_heading(browser, text, exact=False):
    """After a click or submit, waits for the next page; elements of the old one go stale (Chrome may also say
    the node no longer belongs to the document)."""
    def arrived(b):
        heading = b.find_element(By.TAG_NAME, "h1").text.strip()
        return heading == text if exact else text in heading
    WebDriverWait(browser, 5, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(arrived)


def shot(browser, name):
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def sign_in(browser):
    browser.get(BASE + "/signin")
    browser.find_element(By.NAME, "email").send_keys("admin@example.com")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for_heading(browser, "Welcome, Administrator")


def test_sign_in_shows_the_home_page(browser):
    sign_in(browser)
    shot(browser, "home")
    cookie = browser.get_cookie("crm_session")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"


def test_account_card_shows_people_by_department_and_competitors(browser):
    # The demo has a few hundred accounts; the tag filter narrows the list as a user would.
    browser.get(BASE + "/accounts?tag=dairy")
    browser.find_element(By.LINK_TEXT, "Žemaitijos pienas, AB").click()
    wait_for_heading(browser, "Žemaitijos pienas, AB")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Ona Žemaitė" in page and "Decision maker" in page
    assert "BalticPack" in page
    shot(browser, "account-card")


def test_caller_lookup_finds_the_customer_from_a_local_number(browser):
    browser.get(BASE + "/lookup?phone=%2B370%20612%2034567")
    caller = browser.find_element(By.CSS_SELECTOR, ".caller")
    assert "Ona Žemaitė" in caller.text
    assert "Žemaitijos pienas" in caller.text
    shot(browser, "caller-lookup")


def test_quick_search_ignores_accents_and_finds_other_scripts(browser):
    for query, expected in (("zemaite", "Ona Žemaitė"), ("李", "娜 李"), ("காவ்யா", "காவ்யா சுப்பிரமணியம்")):
        box = browser.find_element(By.NAME, "q")
        box.clear()
        box.send_keys(query + Keys.ENTER)
        # Wait for the new page: the old results list goes stale when the browser navigates.
        WebDriverWait(browser, 5, ignored_exceptions=(StaleElementReferenceException,)).until(lambda b: query in b.find_element(By.TAG_NAME, "h1").text)
        assert expected in browser.find_element(By.CSS_SELECTOR, "ul.results").text
    shot(browser, "search-tamil")


def test_a_new_contact_from_an_unknown_number(browser):
    browser.get(BASE + "/lookup?phone=%2B34%20699%20111%20222")
    browser.find_element(By.LINK_TEXT, "Create a contact with this number").click()
    wait_for_heading(browser, "New contact")
    assert browser.find_element(By.NAME, "phones[0][value]").get_attribute("value") == "+34 699 111 222"
    browser.find_element(By.NAME, "givenName").send_keys("Carmen")
    browser.find_element(By.NAME, "familyName").send_keys("Ruiz")
    browser.find_element(By.NAME, "accountName").send_keys("Compañía Pesquera del Sur, S.L.")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Carmen Ruiz")
    assert "Compañía Pesquera del Sur" in browser.find_element(By.CSS_SELECTOR, ".subtitle").text
    browser.get(BASE + "/lookup?phone=0034699111222")
    assert "Carmen Ruiz" in browser.find_element(By.CSS_SELECTOR, ".caller").text


def test_a_call_logged_on_the_contact_card_joins_the_timeline(browser):
    browser.get(BASE + "/lookup?phone=0034699111222")
    browser.find_element(By.LINK_TEXT, "Carmen Ruiz").click()
    wait_for_heading(browser, "Carmen Ruiz")
    browser.find_element(By.LINK_TEXT, "Log interaction").click()
    wait_for_heading(browser, "Log an interaction with Carmen Ruiz")
    browser.find_element(By.NAME, "subject").send_keys("Asked for the spring price list")
    browser.find_element(By.NAME, "body").send_keys("Wants 40 boxes; call back on Friday.")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Carmen Ruiz", exact=True)
    timeline = browser.find_element(By.ID, "timeline").text
    assert "Asked for the spring price list" in timeline
    assert "Outbound call" in timeline
    shot(browser, "contact-timeline")


def test_field_errors_are_shown_next_to_the_field(browser):
    browser.get(BASE + "/accounts/new")
    # Blanks pass the browser's own required check, so the server's answer is what the user sees.
    browser.find_element(By.NAME, "name").send_keys("   ")
    browser.find_element(By.NAME, "phones[0][value]").send_keys("12")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    assert browser.find_element(By.ID, "field-name-error").text == "must not be empty"
    assert "too short" in browser.find_element(By.ID, "field-phones-0-value-error").text
    shot(browser, "form-errors")


def test_dragging_a_card_to_another_column_moves_the_deal(browser):
    browser.get(BASE + "/pipeline")
    wait_for_heading(browser, "New business")
    card = browser.find_element(By.XPATH, "//section[@data-outcome='open'][1]//article[contains(@class,'deal')]")
    deal_id = card.get_attribute("data-deal-id")
    target = browser.find_elements(By.CSS_SELECTOR, "section.column[data-outcome=open]")[-1]
    target_stage = target.get_attribute("data-stage-id")
    # Chromium's WebDriver cannot drive HTML5 drag and drop, so the script dispatches the events a mouse drag makes.
    browser.execute_script(
        """
        const [card, column] = arguments;
        const data = new DataTransfer();
        card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
        column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
        column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
        """,
        card,
        target,
    )
    WebDriverWait(browser, 5, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, f"section[data-stage-id='{target_stage}'] article[data-deal-id='{deal_id}']")
    )
    shot(browser, "board")


def test_the_forecast_shows_a_chart(browser):
    browser.get(BASE + "/forecast")
    wait_for_heading(browser, "Forecast")
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart").is_displayed()
    shot(browser, "forecast")


def open_ona_from_the_caller_screen(browser):
    browser.get(BASE + "/lookup?phone=%2B370%20612%2034567")
    browser.find_element(By.LINK_TEXT, "Ona Žemaitė").click()
    wait_for_heading(browser, "Ona Žemaitė")


def start_a_note_for_ona(browser):
    open_ona_from_the_caller_screen(browser)
    browser.find_element(By.LINK_TEXT, "Log interaction").click()
    wait_for_heading(browser, "Log an interaction with Ona Žemaitė")
    browser.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=note]").click()


def test_a_10000_character_note_is_saved_whole(browser):
    start_a_note_for_ona(browser)
    browser.find_element(By.NAME, "subject").send_keys("Minutes of the annual review")
    sentence = "Discussed the yoghurt line, the film gauge and next year's volumes. "
    note = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    browser.find_element(By.NAME, "body").send_keys(note)
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Ona Žemaitė", exact=True)
    browser.find_element(By.LINK_TEXT, "Minutes of the annual review").click()
    wait_for_heading(browser, "Minutes of the annual review")
    assert browser.find_element(By.CSS_SELECTOR, ".prose").text.strip() == note.strip()


def test_a_100_kb_email_is_sent_and_logged(browser):
    open_ona_from_the_caller_screen(browser)
    browser.find_element(By.LINK_TEXT, "Email").click()
    wait_for_heading(browser, "Email Ona Žemaitė")
    browser.find_element(By.NAME, "subject").send_keys("Price list for next year")
    body = browser.find_element(By.NAME, "body")
    # 100,000 characters would take minutes to type key by key: most is placed, the end is typed.
    line = "Film 100 m, 500 m and label rolls: prices valid from January. "
    text = (line * (99_950 // len(line) + 1))[:99_950]
    browser.execute_script("arguments[0].value = arguments[1];", body, text)
    body.send_keys(Keys.END, "x" * 49 + ".")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Ona Žemaitė", exact=True)
    assert "Price list for next year" in browser.find_element(By.ID, "timeline").text
    # Found by its subject: the demo's satisfaction surveys may be delivered around the same time.
    sent = [path.read_text(errors="replace") for path in sorted(pathlib.Path(os.environ["CRM_TEST_MAILDIR"]).glob("*.eml"))]
    message = next((text for text in reversed(sent) if "Price list for next year" in text), None)
    assert message, "the stand-in sendmail received the message"
    assert len(message) > 100_000


def test_the_caller_screen_shows_a_just_logged_interaction_and_logs_the_call(browser):
    start_a_note_for_ona(browser)
    browser.find_element(By.NAME, "subject").send_keys("Complaint: yoghurt cups arrived crushed")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Ona Žemaitė", exact=True)

    browser.get(BASE + "/lookup?phone=8%20612%2034567")
    recent = browser.find_element(By.ID, "recent").text
    assert "Complaint: yoghurt cups arrived crushed" in recent
    assert browser.find_element(By.ID, "open-deals").is_displayed()
    shot(browser, "caller-screen")
    browser.find_element(By.LINK_TEXT, "Log this call").click()
    wait_for_heading(browser, "Log an interaction with Ona Žemaitė")
    assert browser.find_element(By.NAME, "subject").get_attribute("value") == "Call from 8 612 34567"
    assert browser.find_element(By.CSS_SELECTOR, "select[name=direction]").get_attribute("value") == "inbound"
    browser.find_element(By.NAME, "body").send_keys("Called about the crushed cups; replacement promised for Monday.")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Caller lookup")
    assert "Call from 8 612 34567" in browser.find_element(By.ID, "recent").text


@pytest.mark.parametrize("width", [1280, 375])
def test_the_header_fits_without_sideways_scrolling(browser, width):
    browser.set_window_size(width, 900)
    try:
        for path in ("/", "/accounts", "/lookup?phone=%2B370%20612%2034567", "/reports/profit", "/admin/pipelines", "/pipeline"):
            browser.get(BASE + path)
            viewport = browser.execute_script("return document.documentElement.clientWidth")
            page = browser.execute_script("return document.documentElement.scrollWidth")
            assert page <= viewport, f"{path} is {page} px wide in a {viewport} px window"
            sign_out = browser.find_element(By.CSS_SELECTOR, "form.signout button")
            right = browser.execute_script("return arguments[0].getBoundingClientRect().right", sign_out)
            assert sign_out.is_displayed() and right <= viewport, f"Sign out ends at {right} px on {path}"
        shot(browser, f"header-{width}")
    finally:
        browser.set_window_size(1280, 1000)


def set_value(browser, element, value):
    """Date fields take typed dates in the browser's locale; setting the value is what a date picker does."""
    browser.execute_script("arguments[0].value = arguments[1]", element, value)


def open_account(browser, name):
    browser.get(BASE + "/search?q=" + urllib.parse.quote(name))
    browser.find_element(By.LINK_TEXT, name).click()
    wait_for_heading(browser, name)


def test_an_order_at_the_quoted_price_is_booked_shipped_invoiced_and_partly_paid(browser):
    # The demo quoted this customer three products ten days ago, valid for three more weeks.
    open_account(browser, "Aceites de Galicia, S.L.")
    browser.find_element(By.LINK_TEXT, "New order").click()
    wait_for_heading(browser, "New order for Aceites de Galicia, S.L.")
    # The product field offers the catalogue while typing; the quoted ones say their price.
    quoted = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#product-choices option")
              if "quoted" in (o.get_attribute("label") or "")]
    assert quoted, "the products quoted to the customer show their quoted price"
    assert "Quoted to this customer" in browser.find_element(By.ID, "quoted").text
    browser.find_element(By.NAME, "lines[0][product]").send_keys(quoted[0])
    browser.find_element(By.NAME, "lines[0][quantity]").send_keys("3")
    browser.find_element(By.NAME, "lines[0][unitPrice]").send_keys("1.00")
    browser.find_element(By.NAME, "lines[1][description]").send_keys("Installation on site")
    browser.find_element(By.NAME, "lines[1][quantity]").send_keys("1")
    browser.find_element(By.NAME, "lines[1][unitPrice]").send_keys("150.00")
    browser.find_element(By.NAME, "lines[2][description]").send_keys("Travel")
    browser.find_element(By.NAME, "lines[2][quantity]").send_keys("2")
    browser.find_element(By.NAME, "lines[2][unitPrice]").send_keys("40.00")
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "New order for")
    refusal = browser.find_element(By.ID, "field-priceReason-error").text
    assert "line 1" in refusal and "differs from" in refusal, refusal
    shot(browser, "order-price-refused")

    # Without a typed price the line takes the quoted one.
    browser.find_element(By.NAME, "lines[0][unitPrice]").clear()
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Order #")
    assert "booked." in browser.find_element(By.TAG_NAME, "main").text
    lines = browser.find_element(By.TAG_NAME, "table").text
    assert "Installation on site" in lines and "Travel" in lines and "5.00 %" in lines, lines
    shot(browser, "order-booked")

    browser.find_element(By.CSS_SELECTOR, "#status select[name=status] option[value=shipped]").click()
    browser.find_element(By.CSS_SELECTOR, "#status button[type=submit]").click()
    wait_for_heading(browser, "Order #")
    assert "Confirmed → Shipped" in browser.find_element(By.ID, "history").text

    set_value(browser, browser.find_element(By.NAME, "issueDate"), "2026-01-05")
    set_value(browser, browser.find_element(By.NAME, "dueDate"), "2026-02-04")
    browser.find_element(By.XPATH, "//button[text()='Issue invoice']").click()
    wait_for_heading(browser, "Order #")
    invoices = browser.find_element(By.ID, "invoices").text
    assert "issued" in invoices and "overdue" in invoices
    number = re.search(r"Invoice #(\d+)", invoices).group(1)

    amount = browser.find_element(By.CSS_SELECTOR, "#invoices form.inline input[name=amount]")
    amount.clear()
    amount.send_keys("10.00")
    browser.find_element(By.CSS_SELECTOR, "#invoices form.inline button[type=submit]").click()
    wait_for_heading(browser, "Order #")
    assert "recorded." in browser.find_element(By.ID, "invoices").text
    shot(browser, "order-paid")

    browser.get(BASE + "/invoices/overdue")
    wait_for_heading(browser, "Overdue invoices")
    row = browser.find_element(By.XPATH, f"//tr[td[contains(., '#{number}')]]").text
    assert "Aceites de Galicia" in row, row
    shot(browser, "overdue-invoices")


def test_a_won_deal_becomes_its_order(browser):
    open_account(browser, "Compañía Pesquera del Sur, S.L.")
    browser.find_element(By.CSS_SELECTOR, "#open-deals").find_element(By.LINK_TEXT, "Pilot order").click()
    wait_for_heading(browser, "Pilot order")
    won = [o for o in browser.find_elements(By.CSS_SELECTOR, "#move select[name=stageId] option") if o.text == "Won"]
    won[0].click()
    browser.find_element(By.CSS_SELECTOR, "#move input[name=closeReason]").send_keys("Best delivery terms")
    browser.find_element(By.CSS_SELECTOR, "#move button[type=submit]").click()
    wait_for_heading(browser, "Pilot order")
    assert "This deal is won and has no order yet." in browser.find_element(By.ID, "orders").text
    browser.find_element(By.LINK_TEXT, "Create the order").click()
    wait_for_heading(browser, "New order for Compañía Pesquera del Sur, S.L.")
    assert "From the won deal Pilot order" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.NAME, "lines[0][description]").get_attribute("value") == "Pilot order"
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Order #")
    assert "Won from the deal Pilot order" in browser.find_element(By.CLASS_NAME, "subtitle").text
    browser.find_element(By.LINK_TEXT, "Pilot order").click()
    wait_for_heading(browser, "Pilot order")
    assert "#" in browser.find_element(By.ID, "orders").text
    shot(browser, "won-deal-order")


def test_a_csv_with_a_bad_row_is_refused_then_the_corrected_file_imports(browser, tmp_path):
    header = "order_ref,account,order_date,status,sku,quantity,unit_price\n"
    bad = tmp_path / "orders-bad.csv"
    bad.write_text(header + '"WEB-1","Aceites de Galicia, S.L.",2026-10-01,delivered,PKG-100,2,\n"WEB-2","Vinos del Sur, S.L.",2026-10-02,delivered,PKG-100,two,\n')
    browser.get(BASE + "/orders")
    browser.find_element(By.LINK_TEXT, "Import from CSV").click()
    wait_for_heading(browser, "Import products, orders or payments from CSV")
    browser.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=orders]").click()
    browser.find_element(By.NAME, "file").send_keys(str(bad))
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Import products, orders or payments from CSV")
    errors = browser.find_element(By.ID, "row-errors").text
    assert "3 quantity must be a whole number" in errors, errors
    assert "nothing was imported" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "import-refused")

    good = tmp_path / "orders.csv"
    good.write_text(bad.read_text().replace(",two,", ",3,"))
    browser.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=orders]").click()
    browser.find_element(By.NAME, "file").send_keys(str(good))
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Import: the file is correct")
    browser.find_element(By.XPATH, "//button[starts-with(text(), 'Import the 2 rows')]").click()
    wait_for_heading(browser, "Import done")
    assert "2 rows imported" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "import-done")


def test_a_follow_up_logged_on_a_call_is_on_my_day_and_done_records_the_call(browser):
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    browser.get(BASE + "/lookup?phone=0034699111222")
    browser.find_element(By.LINK_TEXT, "Carmen Ruiz").click()
    wait_for_heading(browser, "Carmen Ruiz")
    browser.find_element(By.LINK_TEXT, "Log interaction").click()
    wait_for_heading(browser, "Log an interaction with Carmen Ruiz")
    browser.find_element(By.NAME, "subject").send_keys("Spring order sizes")
    browser.find_element(By.NAME, "body").send_keys("Will confirm the sizes after their stock count.")
    set_value(browser, browser.find_element(By.NAME, "followUpOn"), today)
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Carmen Ruiz", exact=True)

    browser.find_element(By.LINK_TEXT, "My day").click()
    wait_for_heading(browser, "My day")
    today_section = browser.find_element(By.CSS_SELECTOR, "section[aria-label=Today]")
    assert "Follow up: Spring order sizes" in today_section.text
    shot(browser, "my-day")
    today_section.find_element(By.LINK_TEXT, "Follow up: Spring order sizes").click()
    wait_for_heading(browser, "Follow up: Spring order sizes")
    browser.find_element(By.NAME, "outcome").send_keys("Confirmed 40 boxes of size M for March.")
    browser.find_element(By.XPATH, "//button[text()='Done']").click()
    wait_for_heading(browser, "Follow up: Spring order sizes")
    assert "Confirmed 40 boxes of size M for March." in browser.find_element(By.TAG_NAME, "main").text
    assert "done" in browser.find_element(By.CSS_SELECTOR, ".subtitle").text

    browser.get(BASE + "/lookup?phone=0034699111222")
    browser.find_element(By.LINK_TEXT, "Carmen Ruiz").click()
    wait_for_heading(browser, "Carmen Ruiz")
    timeline = browser.find_element(By.ID, "timeline").text
    assert "Follow up: Spring order sizes" in timeline
    browser.get(BASE + "/my-day")
    assert "Follow up: Spring order sizes" not in browser.find_element(By.TAG_NAME, "main").text


def test_a_task_with_a_10000_character_note_is_set_from_the_contact_card(browser):
    browser.get(BASE + "/lookup?phone=0034699111222")
    browser.find_element(By.LINK_TEXT, "Carmen Ruiz").click()
    wait_for_heading(browser, "Carmen Ruiz")
    browser.find_element(By.CSS_SELECTOR, "section[aria-label='Open tasks']").find_element(By.LINK_TEXT, "New task").click()
    wait_for_heading(browser, "New task")
    assert "Carmen Ruiz" in browser.find_element(By.CSS_SELECTOR, ".subtitle").text
    browser.find_element(By.NAME, "title").send_keys("Prepare the spring samples")
    sentence = "Pack two of each size, label them by batch and add the care leaflet in Spanish. "
    note = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    browser.find_element(By.NAME, "notes").send_keys(note)
    browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    wait_for_heading(browser, "Prepare the spring samples")
    assert browser.find_element(By.CSS_SELECTOR, "dd.prose").text.strip() == note.strip()


def ingest_mail(raw):
    """Hands a message to `crm mail ingest` as a mail server's pipe would, on the server's own database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    subprocess.run([os.environ["CRM_BIN"], "mail", "ingest"], input=raw.encode("utf-8"), cwd=os.environ["CRM_WORK"], env=env, check=True,
                   capture_output=True)


def test_a_complaint_mailed_in_is_answered_resolved_and_rated_on_the_account(browser):
    browser.get(BASE + "/admin/service")
    if "/signin" in browser.current_url:
        sign_in(browser)
        browser.get(BASE + "/admin/service")
    wait_for_heading(browser, "Service settings")
    support = browser.find_element(By.NAME, "supportAddresses")
    support.clear()
    support.send_keys("support@pack.example")
    delay = browser.find_element(By.NAME, "surveyDelayMinutes")
    delay.clear()
    delay.send_keys("0")
    browser.find_element(By.XPATH, "//button[text()='Save working hours and targets']").click()
    wait_for_heading(browser, "Service settings")
    assert "Saved." in browser.find_element(By.TAG_NAME, "main").text

    description = "The film tears on the new packing line after about 200 metres. " * 40
    ingest_mail("\r\n".join([
        "From: =?UTF-8?Q?Ona_=C5=BDemait=C4=97?= <ona.zemaite@zpienas.example.lt>", "To: support@pack.example",
        "Subject: Film tears on the new line", "Message-ID: <tear-1@zpienas.example.lt>", "Date: Tue, 01 Dec 2026 09:15:00 +0200",
        "Content-Type: text/plain; charset=utf-8", "", description]))

    # The case waits in the default department's queue with its SLA clock.
    browser.get(BASE + "/cases")
    browser.find_element(By.LINK_TEXT, "Customer service").click()
    wait_for_heading(browser, "Customer service queue")
    row = browser.find_element(By.XPATH, "//tr[contains(., 'Film tears on the new line')]")
    assert "First response" in row.text and "Ona Žemaitė" in row.text
    shot(browser, "service-queue")
    row.find_element(By.PARTIAL_LINK_TEXT, "Film tears on the new line").click()
    wait_for_heading(browser, "Film tears on the new line")
    reference = browser.find_element(By.TAG_NAME, "h1").text.split()[0]
    assert "film tears on the new packing line" in browser.find_element(By.TAG_NAME, "main").text.lower()

    # The agent answers by email and resolves.
    reply = browser.find_element(By.CSS_SELECTOR, "form[action$='/reply'] textarea[name=body]")
    reply.send_keys("We are sending a new batch today and will check the line settings with you on Thursday.")
    browser.find_element(By.XPATH, "//button[text()='Reply']").click()
    wait_for_heading(browser, "Film tears on the new line")
    assert "We are sending a new batch today" in browser.find_element(By.ID, "timeline").text
    browser.find_element(By.XPATH, "//button[text()='Resolve']").click()
    wait_for_heading(browser, "Film tears on the new line")
    shot(browser, "service-case")

    # The survey goes out through the outbox; sending it now puts the link in the customer's mail.
    deadline = time.time() + 20
    while True:
        browser.get(BASE + "/mail/outbox")
        rows = browser.find_elements(By.XPATH, f"//tr[contains(., '[{reference}] How did we do?')]")
        if rows or time.time() > deadline:
            break
        time.sleep(0.5)
    assert rows, "the survey is queued"
    buttons = rows[0].find_elements(By.XPATH, ".//button[text()='Retry now']")
    if buttons:
        buttons[0].click()
    link = None
    deadline = time.time() + 20
    while link is None and time.time() < deadline:
        for path in sorted(pathlib.Path(os.environ["CRM_TEST_MAILDIR"]).glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if f"[{reference}] How did we do?" in str(message["Subject"]):
                found = re.search(r"http://\S+/survey/[A-Za-z0-9_-]+", message.get_content())
                link = found.group(0) if found else None
        time.sleep(0.3)
    assert link, "the survey mail was delivered with its link"

    # The customer answers without signing in: a second browser session.
    browser.delete_all_cookies()
    browser.get(link)
    wait_for_heading(browser, "How did we do?")
    browser.find_element(By.CSS_SELECTOR, "input[name=overall][value='4']").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=speed][value='5']").click()
    browser.find_element(By.NAME, "comment").send_keys("Quick and clear, thank you.")
    browser.find_element(By.XPATH, "//button[text()='Send']").click()
    wait_for_heading(browser, "Thank you")

    sign_in(browser)
    open_account(browser, "Žemaitijos pienas, AB")
    satisfaction = browser.find_element(By.CSS_SELECTOR, "section[aria-label=Satisfaction]").text
    assert "4.0 of 5 from 1 answer" in satisfaction


def test_a_revisit_plan_for_key_accounts_puts_calls_on_the_owners_day(browser):
    browser.get(BASE + "/")
    browser.find_element(By.LINK_TEXT, "Loyalty").click()
    wait_for_heading(browser, "Loyalty programmes")
    assert "Tier A: visit every quarter" in browser.find_element(By.CSS_SELECTOR, "section[aria-label='Revisit plans']").text
    form = browser.find_element(By.CSS_SELECTOR, "section[aria-label='New revisit plan'] form")
    # Called every day, so the task falls within the week *My day* shows whatever the demo logged.
    form.find_element(By.NAME, "name").send_keys("Key accounts: call daily")
    form.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=call]").click()
    form.find_element(By.NAME, "intervalDays").send_keys("1")
    form.find_element(By.NAME, "tag").send_keys("key account")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for_heading(browser, "Key accounts: call daily", exact=True)
    assert "Accounts tagged key account · Call every day · active" in browser.find_element(By.CSS_SELECTOR, ".subtitle").text
    results = browser.find_element(By.CSS_SELECTOR, "section[aria-label=Results]").text
    opened = int(re.search(r"Tasks opened\s+(\d+)", results).group(1))
    assert opened >= 1, results
    shot(browser, "revisit-plan")

    # The key account Žemaitijos pienas belongs to Mia: the call is on her day.
    browser.get(BASE + "/my-day/team")
    browser.find_element(By.LINK_TEXT, "Mia Kazlauskienė").click()
    wait_for_heading(browser, "Mia Kazlauskienė")
    assert "Call Žemaitijos pienas, AB" in browser.find_element(By.TAG_NAME, "main").text


def test_a_holiday_greeting_is_previewed_then_sent_through_the_outbox(browser):
    browser.get(BASE + "/loyalty")
    wait_for_heading(browser, "Loyalty programmes")
    browser.find_element(By.LINK_TEXT, "Holidays and greetings →").click()
    wait_for_heading(browser, "Holiday greetings")
    # The demo prepared a draft for the next Christmas in Lithuania; the coming holidays can each get one.
    assert browser.find_elements(By.XPATH, "//button[text()='Prepare greeting']")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Christmas Day").click()
    wait_for_heading(browser, "Christmas Day")
    preview = browser.find_element(By.ID, "greeting-preview").text
    # Ona Žemaitė reads Lithuanian: her greeting is in it, with her name.
    assert "Sveikinimai švenčių proga, Ona!" in preview, preview[:500]
    # {signature} is filled with each contact's owner's; the manager adds a long postscript to the Lithuanian text.
    lithuanian = browser.find_element(By.NAME, "body_lt")
    assert "{signature}" in lithuanian.get_attribute("value")
    lithuanian.send_keys(Keys.END, "\n\nP. S. " + "Ačiū už puikius metus kartu. " * 300)
    browser.find_element(By.XPATH, "//button[text()='Save texts']").click()
    wait_for_heading(browser, "Christmas Day")
    shot(browser, "greeting-preview")
    sent_before = len(list(pathlib.Path(os.environ["CRM_TEST_MAILDIR"]).glob("*.eml")))

    browser.find_element(By.XPATH, "//button[text()='Send now']").click()
    wait_for_heading(browser, "Christmas Day")
    deadline = time.time() + 30
    while time.time() < deadline:
        sent = int(browser.find_element(By.ID, "greeting-sent").text)
        if sent > 0 and "· Sent" in browser.find_element(By.CSS_SELECTOR, ".subtitle").text:
            break
        time.sleep(0.5)
        browser.refresh()
    assert sent > 0, browser.find_element(By.CSS_SELECTOR, "section[aria-label=Results]").text
    shot(browser, "greeting-sent")

    # Each greeting is in the outbox, in its contact's language; the mail server gets them within the minute.
    browser.get(BASE + "/mail/outbox")
    outbox = browser.find_element(By.TAG_NAME, "main").text
    assert "Sveikinimai švenčių proga" in outbox or "Happy holidays" in outbox, outbox[:500]
    deadline = time.time() + 90
    delivered = []
    while time.time() < deadline and not delivered:
        for path in pathlib.Path(os.environ["CRM_TEST_MAILDIR"]).glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            subject = str(message["Subject"])
            if "Sveikinimai švenčių proga" in subject or "Happy holidays" in subject:
                delivered.append(message)
        time.sleep(0.5)
    assert delivered, "the greetings were delivered"
    assert len(list(pathlib.Path(os.environ["CRM_TEST_MAILDIR"]).glob("*.eml"))) > sent_before
