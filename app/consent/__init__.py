"""Consent, the channel policy and the access log: what the prospect file checks before an
outbound contact, below app/prospects and app/privacy (see README.md)."""
