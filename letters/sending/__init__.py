"""Send my letter for me (issue 18): confirmed email delivery to the office.

services.py  writes: requests, confirmation, sending, digests, follow-ups, forgetting
selectors.py reads: a request's status, response rates
messages.py  the emails (pure: build EmailMultiAlternatives from rows)
similarity.py  "no personal words" and "the same story" (pure)
tokens.py    signed links (confirm, status, reply)
"""
