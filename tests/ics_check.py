"""Reads an ICS file with independent parsers (icalendar, recurring-ical-events) and prints
its occurrences between two dates as JSON: [{"uid", "start", "summary"}], start in RFC 3339
with its offset (null-offset dates as YYYY-MM-DD). Used by tests/calendar_export.rs."""
import datetime
import json
import sys

import icalendar
import recurring_ical_events

path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
first = datetime.date.fromisoformat(start)
last = datetime.date.fromisoformat(end) + datetime.timedelta(days=1)
out = []
for ev in recurring_ical_events.of(cal).between(first, last):
    dt = ev["DTSTART"].dt
    text = dt.isoformat() if isinstance(dt, datetime.datetime) else dt.isoformat()
    out.append({"uid": str(ev["UID"]), "start": text, "summary": str(ev["SUMMARY"])})
out.sort(key=lambda e: (e["start"], e["summary"]))
print(json.dumps(out, ensure_ascii=False))
