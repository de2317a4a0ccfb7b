"""Each state's consumer privacy law, as this project encodes it.

Researched from trackers, law-firm summaries and the statutes (see each entry's
sources); facts current to early July 2026 (AS_OF). `letters.content.load()` seeds
PrivacyLaw rows from this; organizers then edit them in the admin.

Rights use the model's codes: yes / no / unknown (not verified or sources disagree)
/ na (no law); right_to_sue also has limited (data breaches only).
`signed` is YYYY-MM-DD, or YYYY when only the year is certain.
"""

import datetime

AS_OF = datetime.date(2026, 7, 2)

PUERTO_RICO_NOTE = (
    "Puerto Rico was not researched for this project: no law is recorded. "
    "Check before relying on this."
)

LAWS = {
    "AK": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "AL": {
        "has_law": True,
        "law_name": "Alabama Personal Data Protection Act",
        "short_name": "APDPA",
        "citation": "HB 351 (2026 Reg. Sess.); Ala. Act No. 2026-552",
        "signed": "2026-04-16",
        "effective": "2027-05-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "Passed in 2026 and not yet in force. Covers businesses handling "
        "data of more than 25,000 consumers or earning over a quarter of "
        "revenue from selling data; companies under 500 staff that do not "
        "sell data are exempt. No data-protection assessments. Only the "
        "attorney general enforces it, and businesses always get 45 days to "
        "cure. Not in the EPIC/U.S. PIRG 2025 grades (it came later).",
        "uncertain": "Signing date: most sources give 16 April 2026, some trackers 17 "
        "April.\n"
        "The profiling opt-out rests on two compliance-vendor summaries "
        "only.",
        "sources": [
            "https://fpf.org/blog/the-alabama-personal-data-protection-act-brings-consumer-privacy-to-the-heart-of-dixie/",
            "https://usercentrics.com/us/knowledge-hub/alabama-personal-data-protection-act-apdpa/",
            "https://openagreements.org/legal/privacy/alabama.md",
            "https://www.cyberadviserblog.com/",
            "https://www.clym.io/regulations/alabama-personal-data-protection-act-house-bill-351",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "AR": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law as of early July 2026. A "
        "narrower law on minors' privacy has parts in force from 1 July "
        "2026.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://www.multistate.us/insider/2026/2/4/all-of-the-comprehensive-privacy-laws-that-take-effect-in-2026",
        ],
    },
    "AZ": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "CA": {
        "has_law": True,
        "law_name": "California Consumer Privacy Act (as amended by the California "
        "Privacy Rights Act)",
        "short_name": "CCPA/CPRA",
        "citation": "AB 375 (2018); Prop. 24 (2020); Cal. Civ. Code § 1798.100 et seq.",
        "signed": "2018-06-28",
        "effective": "2020-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "no",
        "right_to_sue": "limited",
        "grade": "B+",
        "ai": "AB 2013, the Generative AI Training Data Transparency Act (from "
        "2026-01-01): developers must publish summaries of their training data, "
        "including whether personal information was used (challenged in xAI v. "
        "Bonta).\n"
        "CCPA automated decisionmaking technology (ADMT) regulations (from "
        "2026-01-01; compliance by 2027-01-01).\n"
        "SB 53 (signed September 2025): safety transparency for frontier AI "
        "models, not about automated decisions or training data.",
        "training": "AB 2013 (from 2026-01-01): generative-AI developers must publish "
        "a summary of their training data, including whether it contains "
        "personal information.",
        "notes": "The CPRA amendments apply from 1 January 2023. The targeted-ads "
        "opt-out is the right to stop 'sharing' for cross-context "
        "behavioural advertising. Sensitive data: a right to limit its use, "
        "not an opt-in. People can sue only over data breaches. California "
        "is the only state with its own privacy agency (the CPPA).",
        "uncertain": "Profiling opt-out comes from the CPPA's automated "
        "decisionmaking (ADMT) regulations (in force 2026-01-01, "
        "compliance by 2027-01-01), not the statute.\n"
        "Signing day (28 June 2018) is from general knowledge; the "
        "sources seen confirm only June 2018.",
        "sources": [
            "https://openagreements.org/legal/privacy",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://blog.focal-point.com/united-states-consumer-privacy-legislation-update-for-2023",
            "https://ailawsuittracker.com/laws/california-ab-2013/",
            "https://www.mondaq.com/unitedstates/new-technology/1636222/californias-ab-2013-generative-ai-developers-must-show-their-data",
            "https://www.procopio.com/resource/california-admt-privacy-regulations",
            "https://www.mofo.com/resources/insights/260105-new-york-enacts-the-raise-act-regulating-frontier-ai-models",
        ],
    },
    "CO": {
        "has_law": True,
        "law_name": "Colorado Privacy Act",
        "short_name": "CPA",
        "citation": "SB21-190; C.R.S. § 6-1-1301 et seq.",
        "signed": "2021-07-07",
        "effective": "2023-07-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "C+",
        "ai": "SB 26-189, the Automated Decision-Making Technology in Consequential "
        "Decisions Act (signed 2026-05-14, in force 2027-01-01): notice, an "
        "explanation after an adverse decision, correction of data and human "
        "review. It repealed and replaced the Colorado AI Act (SB24-205) before "
        "that law's postponed start on 2026-06-30.",
        "training": "",
        "notes": "Businesses must honour universal opt-out signals; no private "
        "lawsuits. The 2024 Colorado AI Act (SB24-205) was postponed and "
        "then repealed and replaced by SB 26-189 before it ever took effect.",
        "uncertain": "",
        "sources": [
            "https://openagreements.org/legal/privacy",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.zdnet.com/article/colorado-becomes-latest-state-to-pass-data-privacy-law/",
            "https://consumerfsblog.com/2026/05/colorado-repeals-and-replaces-controversial-artificial-intelligence-law/",
            "https://recatools.com/news/colorado-sb-26-189-ai-act-repeal-admt-disclosure-law-may-2026/",
            "https://www.govtech.com/artificial-intelligence/colorado-passes-bill-amending-current-ai-legislation",
        ],
    },
    "CT": {
        "has_law": True,
        "law_name": "Connecticut Data Privacy Act",
        "short_name": "CTDPA",
        "citation": "SB 6, Public Act 22-15 (2022); Conn. Gen. Stat. § 42-515 et seq.",
        "signed": "2022-05-10",
        "effective": "2023-07-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "D",
        "ai": "SB 5 / Public Act 26-15, the AI Responsibility and Transparency Act "
        "(signed 2026-05-27; parts in force from 2026-10-01): automated hiring "
        "tools, companion chatbots, whistleblower protection at frontier "
        "developers, marking of synthetic content.\n"
        "The privacy act as amended (from 2026-07-01) requires privacy notices "
        "to say whether personal data trains large language models.",
        "training": "From 2026-07-01 privacy notices must say whether personal data "
        "is used to train large language models.",
        "notes": "Amended in 2025 (from 1 July 2026 privacy notices must say whether "
        "personal data trains large language models) and in 2026 by SB 4 / "
        "Public Act 26-64 (data-broker registry and deletion tool, no sale "
        "of precise location, more profiling rights, facial-recognition "
        "rules). The EPIC/U.S. PIRG 'D' from January 2025 came before these "
        "changes.",
        "uncertain": "The 2025 amendment's bill number was not confirmed, so it is "
        "not given.",
        "sources": [
            "https://openagreements.org/legal/privacy",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.thompsoncoburn.com/insights/blogs/cybersecurity-bits-and-bytes/post/2022-05-27/utah-and-connecticut-enact-comprehensive-data-privacy-laws",
            "https://technologylaw.fkks.com/post/102n4us/vermont-enacts-comprehensive-privacy-law",
            "https://www.keepinglawsimple.org/states/connecticut/bills/2026/SB00004",
            "https://prdext3.cga.ct.gov/asp/CGABillStatus/CGABSSimilar.asp?bill_num=SB00004",
            "https://www.hunton.com/privacy-and-cybersecurity-law-blog/connecticut-signs-comprehensive-ai-bill-into-law",
        ],
    },
    "DC": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found as of early July 2026.",
        "uncertain": "The District was not checked on its own; this rests on trackers "
        "that list enacted laws.\n"
        "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "DE": {
        "has_law": True,
        "law_name": "Delaware Personal Data Privacy Act",
        "short_name": "DPDPA",
        "citation": "HB 154 (2023); 6 Del. C. ch. 12D",
        "signed": "2023-09-11",
        "effective": "2025-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "C-",
        "ai": "",
        "training": "",
        "notes": "Low threshold (35,000 consumers) and covers most nonprofits. "
        "Selling or targeting ads at teens aged 13 to 17 needs their "
        "consent.",
        "uncertain": "",
        "sources": [
            "https://www.vorys.com/publication-that-makes-twelve-delaware-enacts-new-data-privacy-legislation",
            "https://www.jdsupra.com/legalnews/oregon-and-delaware-join-the-surge-of-9224181/",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
        ],
    },
    "FL": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "Florida's Digital Bill of Rights (FDBR) is not counted as a "
        "comprehensive law here, nor by IAPP: it reaches only very large "
        "for-profit companies (over $1 billion in global revenue, plus "
        "further tests), which in practice means the big tech and "
        "advertising platforms. The rights recorded here are the FDBR's. "
        "Some tallies count Florida as a privacy-law state. Not graded by "
        "EPIC/U.S. PIRG. FDBR: SB 262 (2023), Fla. Stat. § 501.701 and "
        "following; signed 2023-06-06, in force 2024-07-01; it gives "
        "opt-outs of sale, targeted ads and profiling, requires opt-in "
        "consent for sensitive data, and is enforced by the attorney general "
        "only.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://fastdemocracy.com/bill-search/fl/2023/bills/FLB00029174",
            "https://plainregwatch.com/regulation/20/",
            "https://www.optery.com/?p=23748",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
        ],
    },
    "GA": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "HI": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "IA": {
        "has_law": True,
        "law_name": "Iowa Consumer Data Protection Act",
        "short_name": "ICDPA",
        "citation": "SF 262 (2023); Iowa Code ch. 715D",
        "signed": "2023-03-28",
        "effective": "2025-01-01",
        "sale": "yes",
        "targeted_ads": "unknown",
        "profiling": "no",
        "sensitive_opt_in": "no",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "Sensitive data needs only notice and a chance to opt out. "
        "Businesses get 90 days to cure violations.",
        "uncertain": "Targeted-ads opt-out left unverified: it is not a listed right, "
        "but businesses must disclose how to opt out of targeted ads "
        "(Mayer Brown counts it; FPF, quoted by Digiday, does not).\n"
        "Signing date: most sources say 28 March 2023, Gibson Dunn says "
        "29 March.\n"
        "Statute chapter (715D) from general knowledge, not re-read in a "
        "source.",
        "sources": [
            "http://www.mvalaw.com/data-points/iowa-enacts-consumer-privacy-law",
            "https://www.gibsondunn.com/us-privacy-law-update-iowa-becomes-sixth-state-to-enact-comprehensive-privacy-law-other-state-laws-continue-to-develop/",
            "https://rassegna.lbit-solution.it/iowas-privacy-law-is-weakest-so-far-doesnt-give-people-the-right-to-opt-out-of-targeted-ads/2/?print=print",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
        ],
    },
    "ID": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "IL": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "HB 3773 amends the Human Rights Act (from 2026-01-01): AI that "
        "discriminates in hiring, firing or discipline is unlawful, workers "
        "must be told, and the Act's private right of action applies.",
        "training": "",
        "notes": "No comprehensive consumer privacy law as of early July 2026. "
        "Illinois does have the Biometric Information Privacy Act, which "
        "lets people sue, and a law on AI in employment decisions.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://laborandemployment.btlaw.com/post/102m1fu/several-state-ai-laws-set-to-go-into-effect-in-2026-despite-federal-governments",
        ],
    },
    "IN": {
        "has_law": True,
        "law_name": "Indiana Consumer Data Protection Act",
        "short_name": "ICDPA (IN)",
        "citation": "SB 5 (2023); Ind. Code art. 24-15",
        "signed": "2023-05-01",
        "effective": "2026-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "Follows the Virginia model: the attorney general alone enforces it "
        "and businesses always get 30 days to cure.",
        "uncertain": "",
        "sources": [
            "https://perkinscoie.com/zh-hans/node/5942",
            "https://feyllc.stepforward.cloud/blog/why-be-afraid-of-privacy/",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://www.multistate.us/insider/2026/2/4/all-of-the-comprehensive-privacy-laws-that-take-effect-in-2026",
        ],
    },
    "KS": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "KY": {
        "has_law": True,
        "law_name": "Kentucky Consumer Data Protection Act",
        "short_name": "KCDPA",
        "citation": "HB 15 (2024); KRS ch. 367 (KRS 367.3611 et seq.)",
        "signed": "2024-04-04",
        "effective": "2026-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "Follows the Virginia model, with a permanent 30-day cure period. It "
        "was amended before it took effect and again in 2026.",
        "uncertain": "Details of the 2026 amendments were not verified.\n"
        "Statute section (KRS 367.3611) from general knowledge.\n"
        "Opt-out rights taken from law-firm summaries, not the Mayer "
        "Brown table.",
        "sources": [
            "https://wilmerhale.com/en/insights/blogs/wilmerhale-privacy-and-cybersecurity-law/20240408-state-comprehensive-privacy-law-update--april-8-2024",
            "https://www.dataguidance.com/jurisdiction/new-jersey",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://www.newsdirectory3.com/?p=5441662",
        ],
    },
    "LA": {
        "has_law": True,
        "law_name": "Louisiana Data Privacy Act",
        "short_name": "LDPA",
        "citation": "SB 386 (2026), Act No. 502; La. R.S. 51:1780.1-1780.5",
        "signed": "2026-05-29",
        "effective": "2027-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "Passed in 2026 and not yet in force. Modelled on the Texas law, "
        "with California-style thresholds ($25 million revenue, 75,000 "
        "consumers, households or devices, or half of revenue from selling "
        "data). It says expressly that people cannot sue; cure period for a "
        "limited time. Not graded by EPIC/U.S. PIRG.",
        "uncertain": "",
        "sources": [
            "https://www.insideprivacy.com/state-privacy/louisiana-enacts-comprehensive-privacy-law/",
            "https://www.dwt.com/blogs/privacy--security-law-blog/2026/06/louisiana-data-privacy-act-sb-386",
            "https://www.lexblog.com/2026/06/03/louisiana-enacts-consumer-data-privacy-law/",
            "https://www.cookieyes.com/blog/louisiana-data-privacy-act/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "MA": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No enacted law verified. The Senate passed S.2619 in September 2025 "
        "(40-0; attorney-general enforcement, ban on selling sensitive "
        "data). The House passed its own version (H.5472/H.5479) on 4 June "
        "2026 (146-0), with data minimization and a right to sue large data "
        "holders.",
        "uncertain": "What the House-Senate conference produced before formal session "
        "ended on 31 July 2026 was not verified.\n"
        "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://webiis08.mondaq.com/unitedstates/privacy-protection/1805522/one-step-closer-to-a-massachusetts-data-privacy-law-comparing-the-current-house-and-senate-bills",
            "https://compliancehub.wiki/massachusetts-consumer-data-privacy-act-private-right-of-action-2026/",
            "https://malegislature.gov/Bills/GetAmendmentContent/194/S2619/1/House/Content",
        ],
    },
    "MD": {
        "has_law": True,
        "law_name": "Maryland Online Data Privacy Act of 2024",
        "short_name": "MODPA",
        "citation": "SB 541 / HB 567 (2024); Md. Code, Com. Law § 14-4601 et seq.",
        "signed": "2024-05-09",
        "effective": "2025-10-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "B-",
        "ai": "",
        "training": "",
        "notes": "The strongest law outside California: sensitive data may be "
        "collected only where strictly necessary and may never be sold "
        "(stricter than opt-in); data minimization; no targeted ads to "
        "minors. Applies to processing from 1 April 2026. Enforced by the "
        "attorney general's Consumer Protection Division; no private "
        "lawsuits under this law.",
        "uncertain": "The strictly-necessary rule for sensitive data is recorded as "
        "opt-in = yes.",
        "sources": [
            "https://rcbulletin.robinsoncoleblogs.com/2024/05/maryland-online-data-privacy-act/",
            "https://revisionlegal.com/internet-law/maryland-online-data-privacy-act-consumer-guide/",
            "https://www.dataguidance.com/notes/maryland-data-protection-overview",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://techpolicy.press/a-new-model-for-state-privacy-legislation",
        ],
    },
    "ME": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive law. A consumer privacy bill passed the House in "
        "2026 but stalled.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://www.troutmanprivacy.com/2026/page/3/",
        ],
    },
    "MI": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "MN": {
        "has_law": True,
        "law_name": "Minnesota Consumer Data Privacy Act",
        "short_name": "MCDPA (MN)",
        "citation": "HF 4757 (2024), art. 5; Minn. Stat. ch. 325O",
        "signed": "2024-05-24",
        "effective": "2025-07-31",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "C-",
        "ai": "",
        "training": "",
        "notes": "Adds a right to question the result of a profiling decision and to "
        "learn why it was made, which matters for automated decisions. "
        "Universal opt-out signals must be honoured.",
        "uncertain": "Opt-out rights taken from law-firm summaries, not the Mayer "
        "Brown table.",
        "sources": [
            "https://www.insidearm.com/news/2024-data-privacy-security-roundup-new-laws-regulations-important-dates-in-2025/",
            "https://www.revisor.mn.gov/statutes/cite/325O",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://mitchellwilliamslaw.com/2024-privacy-legislative-roundup",
        ],
    },
    "MO": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "MS": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "MT": {
        "has_law": True,
        "law_name": "Montana Consumer Data Privacy Act",
        "short_name": "MCDPA (MT)",
        "citation": "SB 384 (2023); Mont. Code Ann. § 30-14-2801 et seq.",
        "signed": "2023-05-19",
        "effective": "2024-10-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "D",
        "ai": "",
        "training": "",
        "notes": "Universal opt-out signals must be honoured and consent obtained "
        "through dark patterns does not count. Amended in 2025 (lower "
        "thresholds, cure period removed).",
        "uncertain": "Signing date: 19 May 2023 per Hudson Cook and others; one "
        "source said 10 May.",
        "sources": [
            "https://www.hudsoncook.com/article/montana-texas-and-oregon-legislatures-pass-comprehensive-data-privacy-laws/",
            "https://advocacy.consumerreports.org/press_release/consumer-reports-applauds-montana-governor-for-signing-comprehensive-privacy-bill-into-law",
            "https://plainregwatch.com/regulation/8/",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://production.jdsupra.com/legalnews/state-by-state-privacy-legislation-7749498",
        ],
    },
    "NC": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "ND": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "NE": {
        "has_law": True,
        "law_name": "Nebraska Data Privacy Act",
        "short_name": "NDPA",
        "citation": "LB 1074 (2024); Neb. Rev. Stat. § 87-1101 et seq.",
        "signed": "2024-04-17",
        "effective": "2025-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "Follows the Virginia and Texas models; attorney-general enforcement "
        "only; universal opt-out signals honoured.",
        "uncertain": "Statute section (§ 87-1101) from general knowledge.",
        "sources": [
            "https://www.insidearm.com/news/2024-data-privacy-security-roundup-new-laws-regulations-important-dates-in-2025/",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://mitchellwilliamslaw.com/2024-privacy-legislative-roundup",
        ],
    },
    "NH": {
        "has_law": True,
        "law_name": "New Hampshire Privacy Act",
        "short_name": "NHPA",
        "citation": "SB 255 (2024); RSA ch. 507-H",
        "signed": "2024-03-06",
        "effective": "2025-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "D",
        "ai": "",
        "training": "",
        "notes": "Follows the Connecticut model with a 35,000-consumer threshold. The "
        "attorney general enforces it; from 2025 a cure period is at the "
        "attorney general's discretion.",
        "uncertain": "Opt-out rights taken from law-firm summaries, not the Mayer "
        "Brown table.",
        "sources": [
            "https://natlawreview.com/article/new-hampshire-becomes-15th-state-enact-comprehensive-state-privacy-law",
            "https://fpf.org/?p=238905",
            "https://securiti.ai/solutions/new-hampshire-data-privacy-act-nhdpa",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
        ],
    },
    "NJ": {
        "has_law": True,
        "law_name": "New Jersey Data Privacy Act",
        "short_name": "NJDPA",
        "citation": "S332 (2024); N.J.S.A. 56:8-166.4 et seq.",
        "signed": "2024-01-16",
        "effective": "2025-01-15",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "C",
        "ai": "",
        "training": "",
        "notes": "The statute says it creates no private right of action (the "
        "governor's signing statement addressed this). Sensitive data "
        "includes some financial information; the Division of Consumer "
        "Affairs may write rules; universal opt-out signals are required.",
        "uncertain": "Opt-out rights taken from law-firm summaries, not the Mayer "
        "Brown table.\n"
        "Statute section (56:8-166.4) from general knowledge.",
        "sources": [
            "https://www.privacyworld.blog/2024/01/new-jerseys-consumer-privacy-law-signed-by-governor-murphy/",
            "https://law.com/njlawjournal/2024/01/30/new-jersey-adds-new-roads-to-an-already-complicated-privacy-map",
            "https://freestatefoundation.blogspot.com/2024/01/new-jersey-passes-2024s-first-state.html",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
        ],
    },
    "NM": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "NV": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive law. An older online-privacy statute gives a right "
        "to opt out of data sales, and a narrow consumer health data law "
        "applies.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://datameetsworld.com/us-state-privacy-laws",
            "https://technologylaw.fkks.com/post/102n4us/vermont-enacts-comprehensive-privacy-law",
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
        ],
    },
    "NY": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "The RAISE Act (S6953B/A6453B; signed 2025-12-19, amended 2026, in "
        "force 2027-01-01): safety protocols and incident reports for frontier "
        "AI models; not about automated decisions or training data.",
        "training": "",
        "notes": "No comprehensive consumer privacy law as of early July 2026. An AI "
        "Training Data Transparency Act (A6578) was still a bill in 2026.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://www.mofo.com/resources/insights/260105-new-york-enacts-the-raise-act-regulating-frontier-ai-models",
            "https://itconsultingroup.com/new-york-signs-off-on-ai-safety-legislation",
            "https://www.billtrack50.com/billdetail/1855873",
        ],
    },
    "OH": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "OK": {
        "has_law": True,
        "law_name": "Oklahoma Consumer Data Privacy Act",
        "short_name": "OCDPA",
        "citation": "SB 546 (2026); 75A O.S. §§ 300-315",
        "signed": "2026-03-20",
        "effective": "2027-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "Passed in 2026 and not yet in force. Follows the Virginia model; "
        "'sale' covers only sales for money; the attorney general enforces "
        "it with a 30-day cure period. Not graded by EPIC/U.S. PIRG.",
        "uncertain": "Name: most sources say Oklahoma Consumer Data Privacy Act, some "
        "Oklahoma Data Privacy Act.\n"
        "Statute sections (75A O.S. §§ 300-315) from a single source.",
        "sources": [
            "https://www.dataprivacyandsecurityinsider.com/2026/03/oklahoma-joins-comprehensive-state-privacy-law-landscape",
            "https://okbusinessvoice.com/2026/03/23/oklahoma-enacts-virginia-style-consumer-data-privacy-law",
            "https://www.cookieyes.com/blog/oklahoma-data-privacy-act/",
            "https://openagreements.org/legal/privacy/oklahoma.md",
        ],
    },
    "OR": {
        "has_law": True,
        "law_name": "Oregon Consumer Privacy Act",
        "short_name": "OCPA",
        "citation": "SB 619 (2023), Or. Laws 2023 ch. 369; ORS 646A.570-646A.589",
        "signed": "2023-07-18",
        "effective": "2024-07-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "C-",
        "ai": "",
        "training": "",
        "notes": "Covers nonprofits from 1 July 2025. People can get a list of the "
        "specific third parties that received their data. A 2025 amendment "
        "bans selling precise location and the data of known under-16s (from "
        "2026). The cure period ended on 1 January 2026.",
        "uncertain": "",
        "sources": [
            "https://open.pluralpolicy.com/or/bills/2023R1/SB619",
            "https://www.mondaq.com:443/unitedstates/privacy-protection/1379672/oregon-passes-consumer-privacy-law",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.newsdirectory3.com/?p=5441662",
        ],
    },
    "PA": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No law. HB 78, the Consumer Data Privacy Act, passed the House "
        "127-76 on 1 October 2025.",
        "uncertain": "Whether the Senate acted on HB 78 was not found in the "
        "sources.\n"
        "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://captaincompliance.com/education/pennsylvania-consumer-data-privacy-act-requirements-for-businesses",
            "http://stage.exportcompliancedaily.com/article/2025/10/02/bipartisan-pa-house-majority-passes-comprehensive-privacy-bill-2510020029",
        ],
    },
    "RI": {
        "has_law": True,
        "law_name": "Rhode Island Data Transparency and Privacy Protection Act",
        "short_name": "RIDTPPA",
        "citation": "H 7787 / S 2500 (2024); R.I. Gen. Laws ch. 6-48.1",
        "signed": "2024",
        "effective": "2026-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "D",
        "ai": "",
        "training": "",
        "notes": "Became law without the governor's signature in late June 2024. No "
        "cure period; sensitive data needs consent; websites must name the "
        "third parties they sell data to.",
        "uncertain": "Only the year of enactment is recorded: the bill was sent on 25 "
        "June 2024 and sources give 28 or 29 June as the day it became "
        "law.\n"
        "Opt-out rights taken from law-firm summaries, not the Mayer "
        "Brown table.",
        "sources": [
            "http://webserver.rilin.state.ri.us/Statutes/TITLE6/6-48.1/6-48.1-4.htm",
            "https://www.billtrack50.com/billdetail/1716394",
            "https://aafnebraska.org/news/aaf-government-report-june-july-2024",
            "https://www.insidearm.com/news/2024-data-privacy-security-roundup-new-laws-regulations-important-dates-in-2025/",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
        ],
    },
    "SC": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "SD": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "TN": {
        "has_law": True,
        "law_name": "Tennessee Information Protection Act",
        "short_name": "TIPA",
        "citation": "HB 1181 / SB 73 (Pub. Ch. 408, 2023); Tenn. Code Ann. § "
        "47-18-3301 et seq.",
        "signed": "2023-05-11",
        "effective": "2025-07-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "Applies only to businesses with more than $25 million in revenue "
        "that also meet data thresholds. Following the NIST Privacy "
        "Framework is a defence. Attorney-general enforcement only.",
        "uncertain": "",
        "sources": [
            "https://www.votervoice.net/BroadcastLinks/mFuePD7mA0Jg7LzWax512A",
            "https://www.dataguidance.com/jurisdiction/tennessee",
            "https://www.meritalkslg.com/articles/tennessee-becomes-8th-state-to-ink-privacy-bill/",
            "https://cliclaw.com/library/us-state-laws/privacy/tennessee-information-protection-act-%E2%80%9Ctipa%E2%80%9D-tenn-code-ann-%C2%A7-47-18-3301",
            "https://www.mayerbrown.com/pt/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
        ],
    },
    "TX": {
        "has_law": True,
        "law_name": "Texas Data Privacy and Security Act",
        "short_name": "TDPSA",
        "citation": "HB 4 (2023); Tex. Bus. & Com. Code ch. 541",
        "signed": "2023-06-18",
        "effective": "2024-07-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "HB 149, the Texas Responsible Artificial Intelligence Governance Act "
        "(TRAIGA; signed 2025-06-22, in force 2026-01-01): bans AI built to "
        "manipulate people or to discriminate unlawfully, disclosure duties for "
        "government and health uses; attorney-general enforcement, no private "
        "lawsuits.",
        "training": "",
        "notes": "Covers most businesses except small businesses as the SBA defines "
        "them (which still may not sell sensitive data without consent). "
        "Attorney-general enforcement only, with 30 days to cure.",
        "uncertain": "",
        "sources": [
            "https://www.hudsoncook.com/article/montana-texas-and-oregon-legislatures-pass-comprehensive-data-privacy-laws/",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://capitol.texas.gov/billlookup/BillSummary.aspx?Bill=HB149&LegSess=89R",
            "https://laborandemployment.btlaw.com/post/102m1fu/several-state-ai-laws-set-to-go-into-effect-in-2026-despite-federal-governments",
        ],
    },
    "UT": {
        "has_law": True,
        "law_name": "Utah Consumer Privacy Act",
        "short_name": "UCPA",
        "citation": "SB 227 (2022); Utah Code § 13-61-101 et seq.",
        "signed": "2022-03-24",
        "effective": "2023-12-31",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "no",
        "sensitive_opt_in": "no",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "SB 149, the Artificial Intelligence Policy Act (2024): disclosure "
        "duties when generative AI talks to people; not about automated "
        "decisions or training data.",
        "training": "",
        "notes": "The most business-friendly of the laws: applies only with $25 "
        "million or more in revenue, gives no profiling opt-out, and "
        "sensitive data needs only notice and a chance to opt out.",
        "uncertain": "",
        "sources": [
            "https://www.cliffordchance.com/briefings/2022/03/utah-becomes-fourth-state-to-pass-consumer-privacy-act--first-wi.html",
            "https://www.thompsoncoburn.com/insights/blogs/cybersecurity-bits-and-bytes/post/2022-05-27/utah-and-connecticut-enact-comprehensive-data-privacy-laws",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://le.utah.gov/~2024/bills/static/SB0149.html",
        ],
    },
    "VA": {
        "has_law": True,
        "law_name": "Virginia Consumer Data Protection Act",
        "short_name": "VCDPA",
        "citation": "SB 1392 (2021); Va. Code § 59.1-575 et seq.",
        "signed": "2021-03-02",
        "effective": "2023-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "F",
        "ai": "",
        "training": "",
        "notes": "The model most later state laws copied (the 'Virginia model'). Only "
        "the attorney general enforces it, and businesses get 30 days to "
        "cure.",
        "uncertain": "Statute section (§ 59.1-575) from general knowledge.",
        "sources": [
            "https://www.workplaceprivacyreport.com/tags/privacy/page/4/",
            "https://www.mayerbrown.com/es/insights/resource-centers/cybersecurity-and-data-privacy-resource-center/state-privacy-law-tracker",
            "https://privacy-daily.com/article/2025/01/28/epic-gives-some-states-consumer-privacy-laws-failing-grades-2501280049",
            "https://www.compliancepoint.com/privacy/comparing-state-privacy-laws/",
            "https://codamail.com/articles/privacy-law-directory/us/states-overview.html",
        ],
    },
    "VT": {
        "has_law": True,
        "law_name": "Vermont Data Privacy and Online Surveillance Act",
        "short_name": "VDPOSA",
        "citation": "S.71 (2026); 9 V.S.A. ch. 61A",
        "signed": "2026-06-16",
        "effective": "2028-01-01",
        "sale": "yes",
        "targeted_ads": "yes",
        "profiling": "yes",
        "sensitive_opt_in": "yes",
        "right_to_sue": "no",
        "grade": "",
        "ai": "S.71 itself requires privacy notices to say whether personal data is "
        "collected, used or sold to train large language models (the second "
        "state after Connecticut).",
        "training": "From 2028-01-01 privacy notices must say whether personal data "
        "is collected, used or sold to train large language models.",
        "notes": "Passed in 2026 after a stronger bill was vetoed in 2024; not yet in "
        "force. Low thresholds (35,000 consumers; 3,000 for sensitive data "
        "or sales), a right to question profiling results, and consumer "
        "health data rules with no threshold. Attorney-general enforcement, "
        "with a cure period until 30 June 2029. Not graded by EPIC/U.S. "
        "PIRG.",
        "uncertain": "Effective date: most sources say 1 January 2028, one said 1 "
        "January 2027.\n"
        "Chapter (9 V.S.A. ch. 61A) from the bill as introduced.",
        "sources": [
            "https://www.privado.ai/post/vermont-becomes-23rd-state-to-pass-a-comprehensive-consumer-privacy-law",
            "https://technologylaw.fkks.com/post/102n4us/vermont-enacts-comprehensive-privacy-law",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
            "https://lawsnap.com/tracker/legal-intelligence/vermont-governor-signs-s-71-to-become-24th-state-with-comprehensive-privacy-law/",
            "https://www.workplaceprivacyreport.com/",
        ],
    },
    "WA": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive law. The My Health My Data Act covers consumer "
        "health data only (IAPP does not count it). A generative-AI "
        "training-data bill (HB 1168) was seen only as a bill.",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://technologylaw.fkks.com/post/102n4us/vermont-enacts-comprehensive-privacy-law",
            "https://www.regulon.ai/bills/WA-HB-1168",
        ],
    },
    "WI": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "WV": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
    "WY": {
        "has_law": False,
        "law_name": "",
        "short_name": "",
        "citation": "",
        "signed": "",
        "effective": "",
        "sale": "na",
        "targeted_ads": "na",
        "profiling": "na",
        "sensitive_opt_in": "na",
        "right_to_sue": "na",
        "grade": "",
        "ai": "",
        "training": "",
        "notes": "No comprehensive consumer privacy law found in the trackers "
        "consulted (to early July 2026).",
        "uncertain": "A 'no' rests on trackers that list enacted laws, not a check of "
        "this legislature's own records; anything enacted after early "
        "July 2026 is missed.",
        "sources": [
            "https://iapp.org/resources/article/us-state-privacy-legislation-tracker/",
            "https://freestatefoundation.blogspot.com/2026/06/alabama-louisiana-and-vermont-enact.html",
        ],
    },
}
