"""Letter PDF speed: reportlab `letter_pdf` against WeasyPrint on an equivalent HTML letter.

Run (WeasyPrint is a bench-only dependency, not in requirements.txt):

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/pdf.py [--runs 200]

Composes a real letter (Virginia, with its law, a Delegate with a capitol
address, two points, a short story) in a throwaway in-memory SQLite database,
then times, in one process:

- the first `letter_pdf` call (cold: includes registering the fonts),
- the median / p95 of single-letter renders (warm), and letters per second,
- a 50-letter PDF (one letter per recipient), letters per second,
- the same letter with Latin, Greek, Cyrillic and CJK names (CJK fallback font),
- WeasyPrint rendering the same letter as HTML with the same Noto fonts
  (first render, then median / p95).

Prints a Markdown table for BENCHMARKS.md.
"""

import argparse
import datetime
import html
import io
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
for noisy in ("fontTools", "weasyprint"):  # WeasyPrint logs each step at INFO
    logging.getLogger(noisy).setLevel(logging.WARNING)

from core import pdf as blocks  # noqa: E402
from core.dates import date_text  # noqa: E402
from letters.compose import (  # noqa: E402
    BULLET,
    Sender,
    letter_compose,
    recipient_for,
    recipient_lines,
    sender_lines,
)
from letters.models import Legislator  # noqa: E402
from letters.pdf import letter_pdf  # noqa: E402
from letters.selectors import letter_facts_get  # noqa: E402
from states.models import PrivacyLaw, State  # noqa: E402

STORY = (
    "Last spring I found that photos from my daughter's soccer team, which I had posted for "
    "the other parents, had been used to train an image model. Nobody asked us."
)


def make_letter(name):
    state, _ = State.objects.get_or_create(abbr="VA", defaults={"name": "Virginia"})
    PrivacyLaw.objects.get_or_create(
        state=state,
        defaults=dict(
            has_comprehensive_law=True,
            law_name="Virginia Consumer Data Protection Act",
            short_name="VCDPA",
            effective_date=datetime.date(2023, 1, 1),
            opt_out_of_sale="yes",
            opt_out_of_targeted_ads="yes",
            opt_out_of_profiling="yes",
            sensitive_data_opt_in="yes",
            private_right_of_action="no",
            epic_pirg_grade="F",
            as_of=datetime.date(2026, 7, 2),
        ),
    )
    legislator, _ = Legislator.objects.get_or_create(
        openstates_id="ocd-person/bench",
        defaults=dict(
            state=state,
            chamber="lower",
            district="12",
            name="Jane O'Brien",
            family_name="O'Brien",
            capitol_address="Room 519, General Assembly Building P.O. Box 396, "
            "Richmond, VA 23218",
        ),
    )
    sender = Sender(
        name=name,
        street="12 Elm St.",
        city="Richmond",
        zip_code="23219",
        state_abbr="VA",
        email="reader@example.org",
    )
    recipient = recipient_for(
        state=state, chamber="lower", district="12", legislator=legislator
    )
    return letter_compose(
        state=state,
        **letter_facts_get(state=state),
        sender=sender,
        recipient=recipient,
        story=STORY,
        points=["consent", "delete"],
        today=datetime.date(2026, 11, 29),
    )


def font_face(family, name):
    path = blocks._available()[name]
    return f"@font-face {{ font-family: '{family}'; src: url('{path.as_uri()}'); }}"


def letter_html(letter):
    """The same letter as an HTML page for WeasyPrint, same fonts and layout."""
    e = html.escape
    sender = "<br>".join(e(line) for line in sender_lines(letter.sender))
    recipient = "<br>".join(e(line) for line in recipient_lines(letter.recipient))
    body = []
    for paragraph in letter.paragraphs:
        if paragraph.startswith(BULLET):
            body.append(f"<li>{e(paragraph[len(BULLET) :])}</li>")
        else:
            body.append(f"<p>{e(paragraph)}</p>".replace("\n", "<br>"))
    css = "\n".join(
        [
            font_face("Body", blocks.SERIF),
            font_face("Sans", blocks.SANS),
            font_face("CJK", "NotoSansSC"),
            """
            @page { size: letter; margin: 0.6in 1in 0.7in 1in;
                    @bottom-center { content: "Page " counter(page) " of " counter(pages);
                                     font: 8.5pt Sans; } }
            body { font: 10.5pt/14pt Body, CJK; }
            .sender { height: 1.4in; } .sender b { font-weight: normal; font-size: 13pt; }
            .date { position: absolute; top: 0; right: 0; }
            .recipient { position: absolute; top: 1.4in; left: 0; width: 3.8in; }
            .head { position: relative; height: 2.6in; }
            .subject { font-family: Sans, CJK; }
            p, li { margin: 0 0 7pt; }
            """,
        ]
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Letter to {e(letter.recipient.title)} {e(letter.recipient.name)}</title>
<meta name="author" content="{e(letter.signature_name)}">
<meta name="description" content="{e(letter.subject)}">
<style>{css}</style></head><body>
<div class="head"><div class="sender"><b>{sender}</b></div>
<div class="date">{e(date_text(letter.date))}</div>
<div class="recipient">{recipient}</div></div>
<p class="subject">Re: {e(letter.subject)}</p>
<p>{e(letter.salutation)}</p>
{"".join(body)}
<p>{e(letter.closing)}</p><p style="margin-top:0.48in">{e(letter.signature_name)}</p>
</body></html>"""


def timed(fn, runs):
    """(wall seconds, CPU seconds) per run. CPU time is steadier on a busy machine."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def p95(times):
    return sorted(times)[max(int(len(times) * 0.95) - 1, 0)]


def row(label, measured, letters=1):
    wall, cpu = measured
    median = statistics.median(wall)
    return (
        label,
        ms(median),
        ms(p95(wall)) if len(wall) > 1 else "",
        ms(statistics.median(cpu)),
        f"{letters / median:.0f}",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--weasy-runs", type=int, default=50)
    args = parser.parse_args()

    latin = make_letter("Zoë Ñúñez")
    every = make_letter("Zoë Ñúñez Ŝtefan Łukasz Дмитрий Ελένη 李小龙")
    rows = []

    first = []
    cold = timed(lambda: first.append(letter_pdf([latin])), 1)
    assert first[0].startswith(b"%PDF")
    rows.append(row("reportlab `letter_pdf`, first call (registers fonts)", cold))
    warm = timed(lambda: letter_pdf([latin]), args.runs)
    rows.append(row(f"reportlab `letter_pdf`, 1 letter, warm ({args.runs} runs)", warm))
    rows.append(
        row(
            f"reportlab, 1 letter, Latin+Greek+Cyrillic+CJK name ({args.runs} runs)",
            timed(lambda: letter_pdf([every]), args.runs),
        )
    )
    batch = [latin] * 50
    rows.append(
        row(
            "reportlab, one PDF of 50 letters (10 runs)",
            timed(lambda: letter_pdf(batch), 10),
            50,
        )
    )

    try:
        import weasyprint
    except ImportError:
        weasyprint = None
        rows.append(
            ("WeasyPrint: not installed (pip install -r bench/requirements.txt)",)
        )
    if weasyprint is not None:
        page = letter_html(latin)
        outputs = []

        def weasy():
            outputs.append(
                weasyprint.HTML(string=page, base_url=str(Path.cwd())).write_pdf()
            )

        rows.append(
            row(f"WeasyPrint {weasyprint.__version__}, first call", timed(weasy, 1))
        )
        from pypdf import PdfReader

        assert "Zoë Ñúñez" in PdfReader(io.BytesIO(outputs[0])).pages[0].extract_text()
        weasy_times = timed(weasy, args.weasy_runs)
        rows.append(
            row(
                f"WeasyPrint, same letter as HTML, warm ({args.weasy_runs} runs)",
                weasy_times,
            )
        )
        ratio = statistics.median(weasy_times[0]) / statistics.median(warm[0])
        ratio_cpu = statistics.median(weasy_times[1]) / statistics.median(warm[1])
        rows.append(
            (
                f"reportlab faster by (median, single letter): {ratio:.0f}× wall, "
                f"{ratio_cpu:.0f}× CPU",
            )
        )

    import reportlab

    try:
        import _rl_accel  # noqa: F401

        accel = "rl-accel C extension"
    except ImportError:
        accel = "no rl-accel (pure Python fallback)"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    print(
        f"Python {platform.python_version()}, reportlab {reportlab.Version} ({accel}), "
        f"{os.cpu_count()} CPUs, load average {load}, {today}; "
        f"letter PDF {len(first[0]):,} bytes\n"
    )
    print("| render | median (wall) | p95 (wall) | median (CPU) | letters/s (wall) |")
    print("| --- | --- | --- | --- | --- |")
    for cells in rows:
        cells = list(cells) + [""] * (5 - len(cells))
        print("| " + " | ".join(cells) + " |")
    wall, cpu = (statistics.median(t) * 1000 for t in warm)
    verdict = "met" if wall < 20 else "MISSED"
    print(
        f"\nTarget median single-letter render < 20 ms: {verdict} ({wall:.1f} ms wall, "
        f"{cpu:.1f} ms CPU)"
    )


if __name__ == "__main__":
    main()
