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
  an UPDATE of the row locked FOR UPDATE SKIP LOCKED) and committed before its
  email is handed to the mail server; it is marked sent with the next claim
  (same statement) or at the end of the batch. A worker killed mid-run leaves
  at most one row "sending" (the email in flight, or the last one sent): it
  may have gone out, so it is never sent again (at most once, not exactly
  once; the admin counts such rows). Every row still queued is sent by the
  resumed run (beat, after UPDATES_STALE_SECONDS; a new generation, so a
  redelivered task of the old run stops instead of sending in parallel).
  The one commit per email is the price: on a busy shared disk it caps a
  worker at about 80-100 emails a second, far above the default rate.
- Bounded rate: the worker sends batches of UPDATES_EMAILS_PER_SECOND ×
  UPDATES_BATCH_SECONDS and queues the next batch with a countdown, so the
  average never exceeds the setting.
- Memory stays flat as signers grow: recipients are written in chunks of
  signatures read by primary key ranges, and each batch loads only its rows.
"""
