"""Tasks, the agenda (one timeline from every domain) and the calendar feed.

See app/agenda/README.md."""
