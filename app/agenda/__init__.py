"""Tasks, the agenda (one timeline from every domain) and the calendar feed
(app/agenda/README.md).
"""
