"""A dated plan written as text, Markdown or JSON (:mod:`.render`) and as iCalendar (:mod:`.ics`)."""
