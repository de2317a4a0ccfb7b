"""Is a story personal, and is it the same as one already sent? (pure)

Offices discount identical mass email, so a letter with no words of the
writer's own, or whose story matches one already sent or queued to the same
office, joins that office's daily digest instead of going one by one.
"""

import difflib
import re

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A story this similar (difflib ratio on the normalized words) counts as the same.
SAME_RATIO = 0.9
# Fewer words than this is not a story of one's own ("I agree.").
MIN_WORDS = 4


def story_words(story: str) -> str:
    """The story as lower-case words separated by single spaces."""
    return " ".join(WORD.findall((story or "").lower()))


def is_personal(words: str) -> bool:
    return len(words.split()) >= MIN_WORDS


def is_same_story(a: str, b: str, *, ratio: float = SAME_RATIO) -> bool:
    """Equal normalized words, or a difflib ratio of at least `ratio` on them."""
    if not a or not b:
        return False
    if a == b:
        return True
    left, right = a.split(), b.split()
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    # The quick bounds first: most stories are nowhere near each other.
    if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
        return False
    return matcher.ratio() >= ratio
