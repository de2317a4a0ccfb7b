"""Campaign updates: emails organizers write on a campaign for its signers.

selectors.py: who may get an update (eligibility), the status the admin shows;
services.py: starting a send, the worker's batches, resuming, unsubscribing;
mail.py: one recipient's email (text and HTML, List-Unsubscribe headers);
tokens.py: the signed unsubscribe links.

Guarantees:
- Only confirmed signatures of the campaign's petition that ticked "may
  contact", one email per address (lower-cased), never an address in
  Unsubscribe (from any campaign). Checked when the recipients are written
  and again just before each email goes.
- An update is sent once: draft → sending is one conditional UPDATE.
- At most once per address: each recipient row is claimed (queued → sending,
  SELECT … FOR UPDATE SKIP LOCKED) in its own short transaction before its
  email is handed to the mail server, and marked sent after. A worker killed
  mid-email leaves that one row "sending": it may have gone out, so it is
  never sent again (at most once, not exactly once; the admin counts such
  rows). Every row still queued is sent by the resumed run.
- Bounded rate: the worker sends batches of UPDATES_EMAILS_PER_SECOND ×
  UPDATES_BATCH_SECONDS and queues the next batch with a countdown, so the
  average never exceeds the setting.
- Memory stays flat as signers grow: recipients are written in chunks of
  signatures read by primary key ranges, and each batch loads only its rows.
"""
