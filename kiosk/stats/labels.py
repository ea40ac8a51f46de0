"""How the statistics' fixed vocabularies are shown, translated at display time."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.stats.events import Feature, Reason, SurveyOutcome


def reason_label(reason: Reason | str) -> str:
    value = Reason(reason)
    if value is Reason.NOT_FOUND:
        # Translators: a reason a page was not helpful, chosen by a visitor after "No".
        return _("Not what I was looking for")
    if value is Reason.HARD_TO_UNDERSTAND:
        # Translators: a reason a page was not helpful, chosen by a visitor after "No".
        return _("Hard to understand")
    # Translators: a reason a page was not helpful, chosen by a visitor after "No".
    return _("Out of date")


def feature_label(feature: Feature | str, value: str) -> str:
    """An accessibility feature and the value used, e.g. "Text size 150%"."""
    kind = Feature(feature)
    if kind is Feature.TEXT_SIZE:
        # Translators: in the statistics, a text size a visitor chose, e.g. "Text size 150%".
        return _("Text size %(percent)s%%") % {"percent": value}
    if kind is Feature.CONTRAST:
        # Translators: in the statistics, a colour scheme a visitor chose, e.g. "Contrast: yellow-on-black".
        return _("Contrast: %(scheme)s") % {"scheme": value}
    if kind is Feature.SPEECH:
        # Translators: in the statistics, visits that used speech mode.
        return _("Speech mode")
    if kind is Feature.KEYPAD:
        # Translators: in the statistics, visits that used the keypad (keyboard operation).
        return _("Keypad")
    # Translators: in the statistics, visits that used headphones.
    return _("Headphones")


def outcome_label(outcome: SurveyOutcome | str) -> str:
    value = SurveyOutcome(outcome)
    if value is SurveyOutcome.COMPLETED:
        # Translators: how an offered survey ended: every question answered.
        return _("Completed")
    if value is SurveyOutcome.PARTIAL:
        # Translators: how an offered survey ended: some questions answered.
        return _("Partly answered")
    # Translators: how an offered survey ended: skipped without an answer.
    return _("Skipped")
