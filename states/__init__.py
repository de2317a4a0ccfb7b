"""U.S. jurisdictions: the 50 states, DC and Puerto Rico.

Their names and ZIP ranges (`us`), chambers and districts (`legislatures`, from
openstates-metadata), their privacy-law facts (`models.State`, `PrivacyLaw`,
loaded from `states/data/`), neighbours, and the tile map. Imports `core` only.
"""
