"""Reads a task calendar feed with Python's icalendar, as calendar programs would, and checks its events.

Usage: check_feed.py FEED.ics [UID SUMMARY]  — with UID and SUMMARY, that event must carry that summary.
Prints the events' UIDs and sequences, one per line, for the caller to compare two fetches.
"""
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
assert calendar.get("VERSION") == "2.0", "not an iCalendar 2.0 document"
events = list(calendar.walk("VEVENT"))
assert events, "the feed has no events"
for event in events:
    for field in ("UID", "DTSTART", "DTEND", "SUMMARY", "DTSTAMP"):
        assert event.get(field) is not None, f"an event lacks {field}"
if len(sys.argv) == 4:
    uid, summary = sys.argv[2], sys.argv[3]
    matching = [e for e in events if str(e.get("UID")) == uid]
    assert matching, f"no event {uid}"
    assert str(matching[0].get("SUMMARY")).endswith(summary), f"{uid} says {matching[0].get('SUMMARY')!r}"
for event in events:
    print(event.get("UID"), event.get("SEQUENCE"))
