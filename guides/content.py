"""Seeded opt-out guides, written from the project's research notes.

`load()` is idempotent: it creates platforms that are missing (with their
steps and sources) and never touches a platform that already exists, so
organizer edits survive `make run`. Facts the research could not confirm are
flagged as unverified on the page (unverified_note / Step.is_unverified).
"""

import datetime

from django.db import transaction

from .models import AppliesTo, Difficulty, OptOutStatus, Platform, Source, Step

# The research notes date from late 2024 to mid 2025; guides carry the date
# they were last checked against them. Organizers re-verify in the admin.
RESEARCHED = datetime.date(2025, 6, 30)

WIRED = (
    "Wired: How to stop your data from being used to train AI",
    "https://www.wired.com/story/how-to-stop-your-data-from-being-used-to-train-ai/",
)

META_COMMON_DOES_NOT = (
    "Meta offers no switch in the US that stops AI training on public posts.\n"
    "Meta has said it used public posts and photos from adult accounts going back to 2007. "
    "Making your account private now does not remove them from models already trained."
)

PLATFORMS = [
    {
        "slug": "instagram",
        "name": "Instagram",
        "company": "Meta",
        "status": OptOutStatus.PRIVATE,
        "difficulty": Difficulty.LIMITED,
        "position": 10,
        "summary": (
            "Meta trains its AI (Meta AI and its Llama models) on public Instagram posts. "
            "In the US there is no opt-out setting. The one lever you have is a private "
            "account: Meta says it does not use posts from private accounts."
        ),
        "opt_out_does": (
            "With a private account, only followers you approve see your new posts, "
            "and Meta says it does not train on private accounts."
        ),
        "opt_out_does_not": (
            META_COMMON_DOES_NOT + "\n"
            "Meta says it leaves out accounts of people under 18, but photos of children "
            "posted on public adult accounts were used, and Meta could not say whether "
            "posts made before someone turned 18 were excluded."
        ),
        "region_notes": (
            "EU and UK: thanks to the GDPR you can send Meta a “Right to Object” form from "
            "Meta's Privacy Center (one form per platform, so Instagram and Facebook separately)."
        ),
        "steps": [
            (
                "Open the Instagram app and tap your profile picture (bottom right).",
                AppliesTo.ALL,
                "",
            ),
            (
                "Tap the menu: the three horizontal lines at the top right.",
                AppliesTo.ALL,
                "",
            ),
            ("Tap “Account privacy”.", AppliesTo.ALL, ""),
            ("Turn on “Private account” and confirm.", AppliesTo.ALL, ""),
            (
                "Optional: go through your followers and remove anyone you don't know. "
                "Anyone who follows you can still see your posts.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [
            (
                "Meta: Privacy Center, generative AI",
                "https://www.facebook.com/privacy/genai/",
            ),
            WIRED,
        ],
    },
    {
        "slug": "facebook",
        "name": "Facebook",
        "company": "Meta",
        "status": OptOutStatus.PRIVATE,
        "difficulty": Difficulty.LIMITED,
        "position": 20,
        "summary": (
            "Facebook follows the same policy as Instagram: public posts train Meta's AI and "
            "there is no opt-out in the US. Meta says it does not use data that is not public, "
            "but there is no single “private” switch: you limit the audience of your posts."
        ),
        "opt_out_does": (
            "Setting future posts to Friends keeps new posts out of what Meta treats as public.\n"
            "Turning off comment summaries and visual search limits two AI features on your posts."
        ),
        "opt_out_does_not": (
            META_COMMON_DOES_NOT + "\n"
            "Limiting who can see past posts hides them from now on, but does not undo "
            "training that already happened."
        ),
        "region_notes": (
            "EU and UK: use Meta's “Right to Object” form in the Privacy Center (a separate "
            "form for Facebook and for Instagram)."
        ),
        "steps": [
            (
                "On the Facebook website, click your profile picture at the top right.",
                AppliesTo.WEB,
                "",
            ),
            ("Choose “Settings & privacy”, then “Settings”.", AppliesTo.WEB, ""),
            (
                "In the menu on the left, under “Audience and visibility”, choose “Posts”.",
                AppliesTo.WEB,
                "",
            ),
            (
                "Find “Who can see your future posts?” (it starts as Public). Change it to "
                "“Friends” or a smaller audience, then click Done.",
                AppliesTo.WEB,
                "",
            ),
            (
                "On the same page, use “Limit who can see past posts” to switch old public posts "
                "to Friends.",
                AppliesTo.WEB,
                "",
            ),
            (
                "Still on that page, turn off “Allow comment summaries on your posts” and "
                "“Allow visual search on your posts”.",
                AppliesTo.WEB,
                "",
            ),
        ],
        "sources": [
            (
                "Meta: Privacy Center, generative AI",
                "https://www.facebook.com/privacy/genai/",
            ),
            WIRED,
        ],
    },
    {
        "slug": "x",
        "name": "X (formerly Twitter)",
        "company": "X Corp.",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 30,
        "summary": (
            "Since X's terms of 15 November 2024, posting on X counts as agreeing that X may "
            "use your posts to train AI models, including its chatbot Grok. A setting lets "
            "you say no."
        ),
        "opt_out_does": (
            "Stops X from using your posts, and your conversations with Grok, to train Grok "
            "and its partners' models from now on."
        ),
        "opt_out_does_not": (
            "It does not remove posts already used for training.\n"
            "Public posts can still be seen, and copied, by anyone."
        ),
        "region_notes": "",
        "steps": [
            ("On the X website, click “More” in the left menu.", AppliesTo.WEB, ""),
            (
                "Choose “Settings and privacy”, then “Privacy and safety”.",
                AppliesTo.WEB,
                "",
            ),
            (
                "Under “Data sharing and personalization”, choose “Grok & Third-party "
                "Collaborators”.",
                AppliesTo.WEB,
                "https://x.com/settings/grok_settings",
            ),
            (
                "Untick the box that lets X use your posts and your Grok interactions for "
                "training. It should be empty.",
                AppliesTo.WEB,
                "",
            ),
        ],
        "sources": [
            ("X Help Center: About Grok", "https://help.x.com/en/using-x/about-grok"),
            WIRED,
        ],
    },
    {
        "slug": "linkedin",
        "name": "LinkedIn",
        "company": "Microsoft",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 40,
        "summary": (
            "In September 2024 LinkedIn was found to have opted members in to training its "
            "generative AI on their data before it had even updated its privacy policy. "
            "Switching it off takes one toggle."
        ),
        "opt_out_does": "Stops LinkedIn from using your data to train its content-creation AI from now on.",
        "opt_out_does_not": "It does not take back data already used for training.",
        "region_notes": (
            "EU, EEA, UK and Switzerland: you will not see this setting, because LinkedIn does "
            "not use members' data there for this training by default."
        ),
        "steps": [
            ("Click or tap “Me” (your photo) in the top bar.", AppliesTo.ALL, ""),
            ("Choose “Settings & Privacy”, then “Data privacy”.", AppliesTo.ALL, ""),
            (
                "Open “Data for Generative AI Improvement”.",
                AppliesTo.ALL,
                "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
            ),
            (
                "Turn off “Use my data for training content creation AI models”.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "tiktok",
        "name": "TikTok",
        "company": "ByteDance",
        "status": OptOutStatus.NONE,
        "difficulty": Difficulty.IMPOSSIBLE,
        "position": 50,
        "summary": (
            "TikTok has not said whether it trains generative AI on what users post, while it "
            "launches generative AI features such as AI avatars of real people for ads. We found "
            "no opt-out setting. Here is what you can do instead."
        ),
        "opt_out_does": "",
        "opt_out_does_not": (
            "There is no setting that stops AI training, so these steps only reduce what is public."
        ),
        "region_notes": "",
        "steps": [
            (
                "Make your account private: Profile, the menu (three lines), “Settings and "
                "privacy”, “Privacy”, then turn on “Private account”.",
                AppliesTo.ALL,
                "",
            ),
            (
                "Think twice before posting your face, voice or children publicly.",
                AppliesTo.ALL,
                "",
            ),
            (
                "Check back after app updates: if TikTok adds an AI training setting, we will add "
                "it here.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "chatgpt",
        "name": "ChatGPT",
        "company": "OpenAI",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 60,
        "summary": (
            "OpenAI can train its models on your ChatGPT conversations. One setting, "
            "“Improve the model for everyone”, turns that off for your account."
        ),
        "opt_out_does": "Keeps your future chats out of model training.\nTemporary Chats are never used for training.",
        "opt_out_does_not": "It does not remove chats already used for training.",
        "region_notes": (
            "Anyone can also send requests about their personal data through OpenAI's privacy portal."
        ),
        "steps": [
            ("Open ChatGPT and go to Settings.", AppliesTo.ALL, ""),
            (
                "Choose “Data Controls”.",
                AppliesTo.ALL,
                "https://chatgpt.com/#settings/DataControls",
            ),
            ("Turn off “Improve the model for everyone”.", AppliesTo.ALL, ""),
            (
                "The setting belongs to your account, but check it once in each app and browser "
                "you use.",
                AppliesTo.ALL,
                "",
            ),
            (
                "For a one-off private conversation, use Temporary Chat: it is not used for training.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [
            (
                "OpenAI: Data Controls FAQ",
                "https://help.openai.com/en/articles/7730893-data-controls-faq",
            ),
            ("OpenAI privacy portal", "https://privacy.openai.com/"),
        ],
    },
    {
        "slug": "gemini",
        "name": "Google Gemini",
        "company": "Google",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 70,
        "summary": (
            "Google keeps your Gemini chats and can use them to improve its AI. Turning off "
            "“Gemini Apps Activity” (now called “Keep Activity”) stops that for new chats."
        ),
        "opt_out_does": "Stops your new Gemini chats from being kept in your activity and used to improve Google's AI.",
        "opt_out_does_not": (
            "Google still keeps chats for up to 72 hours.\n"
            "Chats already picked for review by people may be kept for up to three years."
        ),
        "region_notes": "",
        "steps": [
            (
                "Open your Gemini activity page while signed in to Google.",
                AppliesTo.ALL,
                "https://myactivity.google.com/product/gemini",
            ),
            (
                "Turn off “Keep Activity” (it used to be called “Gemini Apps Activity”).",
                AppliesTo.ALL,
                "",
            ),
            ("Optional: delete past activity on the same page.", AppliesTo.ALL, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "copilot",
        "name": "Microsoft Copilot",
        "company": "Microsoft",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 80,
        "summary": "Copilot has two switches, one for what you type and one for what you say.",
        "opt_out_does": "Keeps your future Copilot text and voice conversations out of model training.",
        "opt_out_does_not": "It does not take back conversations already used.",
        "region_notes": "",
        "steps": [
            ("In Copilot, open your profile, then “Privacy”.", AppliesTo.ALL, ""),
            ("Turn off “Model training on text”.", AppliesTo.ALL, ""),
            ("Turn off “Model training on voice”.", AppliesTo.ALL, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "claude",
        "name": "Claude",
        "company": "Anthropic",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 90,
        "summary": (
            "In 2025 Anthropic added a setting for consumer accounts that decides whether your "
            "Claude chats may be used to train its models."
        ),
        "unverified_note": (
            "We could not confirm the current name of the setting or exactly where it sits. "
            "Look for a model-training switch in Claude's privacy settings."
        ),
        "opt_out_does": "Keeps your future chats out of model training.",
        "opt_out_does_not": "It does not take back chats already used.",
        "region_notes": "",
        "steps": [
            (
                "In Claude, open Settings, then “Privacy”.",
                AppliesTo.ALL,
                "https://claude.ai/settings/data-privacy-controls",
            ),
            (
                "Turn off the setting that allows your chats to be used to train or improve "
                "Claude. (Unverified: its exact name may differ.)",
                AppliesTo.ALL,
                "",
                True,
            ),
        ],
        "sources": [("Anthropic Privacy Center", "https://privacy.anthropic.com/")],
    },
    {
        "slug": "perplexity",
        "name": "Perplexity",
        "company": "Perplexity AI",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 100,
        "summary": "Perplexity has a single switch for whether it keeps your data to improve its AI.",
        "opt_out_does": "Stops Perplexity from using your future searches and chats to improve its models.",
        "opt_out_does_not": "It does not take back data already used.",
        "region_notes": "",
        "steps": [
            (
                "Open Settings, then “Account”.",
                AppliesTo.ALL,
                "https://www.perplexity.ai/settings/account",
            ),
            ("Turn off “AI Data Retention”.", AppliesTo.ALL, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "slack",
        "name": "Slack",
        "company": "Salesforce",
        "status": OptOutStatus.REQUEST,
        "difficulty": Difficulty.HARD,
        "position": 110,
        "summary": (
            "Slack uses workspace messages and files to train its own global models (for "
            "things like emoji and channel suggestions). Only a workspace owner can opt out, "
            "and only by email."
        ),
        "opt_out_does": "Keeps your whole workspace's data out of Slack's global models from then on.",
        "opt_out_does_not": (
            "A regular member cannot opt out alone: ask your workspace owner to send the email.\n"
            "It does not take back data already used."
        ),
        "region_notes": "",
        "email_to": "feedback@slack.com",
        "email_subject": "Slack Global model opt-out request",
        "email_body": (
            "Hello,\n\n"
            "I am an owner of the Slack workspace at [your workspace URL, e.g. "
            "example.slack.com]. Please opt this workspace out of Slack's global models, "
            "so that our Customer Data is not used to train them.\n\n"
            "Please confirm when this is done.\n\n"
            "Thank you,\n[your name]"
        ),
        "steps": [
            (
                "Check that you are a workspace owner (or ask the owner to do this). "
                "Your workspace URL looks like example.slack.com.",
                AppliesTo.ALL,
                "",
            ),
            (
                "Send the email below from your own account, with the subject "
                "“Slack Global model opt-out request” and your workspace URL.",
                AppliesTo.ALL,
                "",
            ),
            ("Keep Slack's reply as your confirmation.", AppliesTo.ALL, ""),
        ],
        "sources": [
            (
                "Slack: Privacy principles for search, learning and AI",
                "https://slack.com/trust/data-management/privacy-principles",
            )
        ],
    },
    {
        "slug": "tumblr",
        "name": "Tumblr",
        "company": "Automattic",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.MEDIUM,
        "position": 120,
        "summary": "Tumblr has a setting to stop sharing your blog with third parties such as AI companies. It is set per blog.",
        "opt_out_does": "Asks Tumblr not to share that blog's content with third parties, including AI companies.",
        "opt_out_does_not": (
            "It is per blog: repeat it for every blog you run.\n"
            "It does not take back content already shared."
        ),
        "region_notes": "",
        "steps": [
            ("Open the settings of one of your blogs.", AppliesTo.ALL, ""),
            (
                "Under “Visibility”, turn on “Prevent third-party sharing”.",
                AppliesTo.ALL,
                "",
            ),
            ("Repeat for each of your other blogs.", AppliesTo.ALL, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "wordpress-com",
        "name": "WordPress.com",
        "company": "Automattic",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 130,
        "summary": "WordPress.com sites have a setting to stop sharing your content with third parties such as AI companies.",
        "opt_out_does": "Asks WordPress.com not to share that site's content with third parties, including AI companies.",
        "opt_out_does_not": "It is per site: repeat it for each site.\nIt does not take back content already shared.",
        "region_notes": "",
        "steps": [
            (
                "Open your site's dashboard, then Settings, then “General”.",
                AppliesTo.WEB,
                "",
            ),
            ("Turn on “Prevent third-party sharing” and save.", AppliesTo.WEB, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "squarespace",
        "name": "Squarespace",
        "company": "Squarespace",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 140,
        "summary": "If you run a Squarespace site, you can ask known AI crawlers not to collect it.",
        "opt_out_does": "Tells known AI crawlers not to collect your site.",
        "opt_out_does_not": (
            "Crawlers that ignore the rules, or that are not on the known list, may still collect it.\n"
            "It does not take back what was already collected."
        ),
        "region_notes": "",
        "steps": [
            ("In your site's Settings, open “Crawlers”.", AppliesTo.WEB, ""),
            (
                "Turn on “Block known artificial intelligence crawlers”.",
                AppliesTo.WEB,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "pinterest",
        "name": "Pinterest",
        "company": "Pinterest",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 150,
        "summary": "Pinterest lets you turn off the use of your data for its generative AI model, Pinterest Canvas.",
        "opt_out_does": "Stops Pinterest from using your data to train its generative AI from now on.",
        "opt_out_does_not": "It does not take back data already used.",
        "region_notes": "",
        "steps": [
            (
                "Open your profile settings.",
                AppliesTo.ALL,
                "https://www.pinterest.com/settings/privacy",
            ),
            (
                "Turn off the use of your data for generative AI (Pinterest Canvas).",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "reddit",
        "name": "Reddit",
        "company": "Reddit",
        "status": OptOutStatus.NONE,
        "difficulty": Difficulty.IMPOSSIBLE,
        "position": 160,
        "summary": "Reddit licenses what users post to AI companies. There is no opt-out for users.",
        "opt_out_does": "",
        "opt_out_does_not": "Deleting posts and comments removes them from Reddit, but not from data already licensed.",
        "region_notes": "",
        "steps": [
            (
                "Delete posts and comments you don't want shared from now on.",
                AppliesTo.ALL,
                "",
            ),
            (
                "Think about what you post: anything public on Reddit may be licensed.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "quora",
        "name": "Quora",
        "company": "Quora",
        "status": OptOutStatus.UNKNOWN,
        "difficulty": "",
        "position": 170,
        "summary": "Quora says it does not currently train AI on people's answers. We could not confirm this.",
        "unverified_note": "Quora's statement that it does not train on answers comes from a thin source; we have not confirmed it.",
        "opt_out_does": "",
        "opt_out_does_not": "There is no setting to turn off; the policy could change.",
        "region_notes": "",
        "steps": [
            (
                "Nothing to switch off today. Check back: if Quora changes course, we will update this guide.",
                AppliesTo.ALL,
                "",
            ),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "adobe",
        "name": "Adobe",
        "company": "Adobe",
        "status": OptOutStatus.SETTING,
        "difficulty": Difficulty.EASY,
        "position": 180,
        "summary": "Personal Adobe accounts have a “Content analysis” setting. Business and school accounts are opted out already.",
        "opt_out_does": "Stops Adobe from analysing your content to improve its products, including AI.",
        "opt_out_does_not": "It does not take back content already analysed.",
        "region_notes": "",
        "steps": [
            (
                "Open your Adobe account's “Privacy and personal data” page.",
                AppliesTo.WEB,
                "https://account.adobe.com/privacy",
            ),
            ("Turn off “Content analysis”.", AppliesTo.WEB, ""),
        ],
        "sources": [WIRED],
    },
    {
        "slug": "snapchat",
        "name": "Snapchat",
        "company": "Snap",
        "status": OptOutStatus.NONE,
        "difficulty": Difficulty.LIMITED,
        "position": 190,
        "summary": "We found no setting to stop AI training on Snapchat. You can delete what you said to its chatbot, My AI.",
        "unverified_note": "Where to delete My AI data in the settings comes from a thin source; we have not confirmed it.",
        "opt_out_does": "",
        "opt_out_does_not": "Deleting My AI data does not opt you out of training.",
        "region_notes": "",
        "steps": [
            (
                "In Snapchat's settings, find the option to clear My AI data and use it.",
                AppliesTo.ALL,
                "",
                True,
            ),
        ],
        "sources": [WIRED],
    },
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def load(stdout=None):
    """Create every seeded guide that does not exist yet. Returns how many were created."""
    existing = set(Platform.objects.values_list("slug", flat=True))
    created = 0
    for data in PLATFORMS:
        if data["slug"] in existing:
            continue
        platform = Platform.objects.create(
            slug=data["slug"],
            name=data["name"],
            company=data["company"],
            status=data["status"],
            difficulty=data["difficulty"],
            position=data["position"],
            summary=data["summary"],
            opt_out_does=data["opt_out_does"],
            opt_out_does_not=data["opt_out_does_not"],
            region_notes=data["region_notes"],
            unverified_note=data.get("unverified_note", ""),
            email_to=data.get("email_to", ""),
            email_subject=data.get("email_subject", ""),
            email_body=data.get("email_body", ""),
            last_verified=RESEARCHED,
            is_published=True,
        )
        Step.objects.bulk_create(
            Step(
                platform=platform,
                order=number * 10,
                text=step[0],
                applies_to=step[1],
                deep_link=step[2],
                is_unverified=len(step) > 3 and step[3],
            )
            for number, step in enumerate(data["steps"], start=1)
        )
        Source.objects.bulk_create(
            Source(platform=platform, title=title, url=url, order=number)
            for number, (title, url) in enumerate(data["sources"], start=1)
        )
        created += 1
    if created:
        # bulk_create sends no signals: drop cached guide pages ourselves.
        from .cache import guides_cache_bump

        guides_cache_bump()
    _say(
        stdout,
        f"Guides: {created} created, {len(PLATFORMS) - created} already present.",
    )
    return created
