"""Extradition: the grounds for refusal a request can answer in advance, and the thresholds.

The UN Model Treaty on Extradition (General Assembly resolution 45/116) lists the grounds on
which extradition is, or may be, refused (arts. 3 and 4) and the penalties that make an offence
extraditable (art. 2(1)); the European Convention on Extradition (ETS-024) and its Protocols say the
same for their Parties. Most grounds turn on facts only the requesting State can state or assure,
so the request should state or assure them where its own facts call for it.
"""

import re

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import Finding, filled, rule
from comity.drafting.rules.extradition import BOTH, persons_sought

# Words in an offence's name or provision that suggest a political offence, an offence under
# military law only, or a fiscal offence (ETS-024 arts. 3-5), in the interface languages and
# German. A hint, not a finding of law: the drafter answers it under Assurances.
POLITICAL_WORDS = (
    "treason",
    "sedition",
    "espionage",
    "rebellion",
    "insurrection",
    "trahison",
    "sédition",
    "espionnage",
    "traición",
    "sedición",
    "rebelión",
    "espionaje",
    "hochverrat",
    "landesverrat",
    "измен",
    "шпионаж",
    "мятеж",
    "зрад",
    "шпигунств",
    "заколот",
    "خيانة",
    "تجسس",
    "叛国",
    "间谍",
    "颠覆",
)
MILITARY_WORDS = (
    "desertion",
    "military",
    "mutiny",
    "désertion",
    "militaire",
    "mutinerie",
    "deserción",
    "militar",
    "motín",
    "fahnenflucht",
    "wehrstraf",
    "дезертир",
    "воинск",
    "военн",
    "військов",
    "призов",
    "فرار",
    "عسكري",
    "逃兵",
    "军事",
    "兵役",
)
FISCAL_WORDS = (
    "tax",
    "customs",
    "excise",
    "vat",
    "impôt",
    "fiscal",
    "douane",
    "tva",
    "impuesto",
    "tributari",
    "aduan",
    "steuer",
    "zoll",
    "налог",
    "таможен",
    "податк",
    "митн",
    "ضريب",
    "جمرك",
    "税",
    "海关",
)
# Latin-script words are matched at the start of a word ("tax" in "tax evasion", not in
# "syntax"); the others (Cyrillic stems, Arabic, Chinese) anywhere.
_LATIN = re.compile(r"[a-zà-ÿ]+")


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    text = text.casefold()
    for word in words:
        if _LATIN.fullmatch(word):
            if re.search(rf"(?<![a-zà-ÿ]){re.escape(word)}", text):
                return True
        elif word in text:
            return True
    return False


def _offence_text(offence) -> str:
    return f"{offence.label} {offence.statute}"


def _for_a_sentence(body) -> bool:
    """Extradition to enforce a sentence rests on a judgment; to prosecute, on a warrant."""
    return body.warrant.kind == "judgment"


@rule(
    id="extradition.death_penalty",
    severity="error",
    citation="UN Model Treaty on Extradition art. 4(d) | ETS-024 11",
    kinds={"extradition"},
    field="assurances.death_penalty",
)
def death_penalty(body, ctx):
    """Where an offence is punishable by death in the requesting State, the request must assure that the death penalty will not be imposed or, if imposed, not carried out."""
    punishable = [o.label or o.statute for o in body.offences if o.death_penalty]
    if punishable and not filled(body.assurances.death_penalty):
        return _(
            "An offence in this request (%(offences)s) is punishable by death under your law, and "
            "extradition is then refused without an assurance. Give the assurance that the death "
            "penalty will not be imposed or, if imposed, will not be carried out, and say who "
            "gives it."
        ) % {"offences": ", ".join(o for o in punishable if o) or "—"}


@rule(
    id="extradition.nationals",
    severity="warning",
    citation=(
        "UN Model Treaty on Extradition art. 4(a) | ETS-024 6 | UNTOC 16(10)–(12) | "
        "UNCAC 44(11)–(13)"
    ),
    kinds=BOTH,
    field="undertakings.prosecution_if_refused",
)
def nationals(body, ctx):
    """Many States do not extradite their own nationals; they must then, at the requesting State's request, submit the case for prosecution, and may surrender on condition that the person is returned to serve the sentence."""
    requested = str(body.requested_state)
    if not requested:
        return None
    national = [p for _i, p in persons_sought(body) if p.nationality.strip().upper() == requested]
    u = body.undertakings
    if national and not (u.prosecution_if_refused or u.return_to_serve):
        return _(
            "The person sought is a national of %(state)s, which may refuse to extradite its "
            "own nationals. Ask, in case of refusal, that the case be submitted to its "
            "authorities for prosecution (or that it enforce the sentence), or agree that the "
            "person be returned there to serve the sentence; tick the undertaking that applies."
        ) % {"state": ctx.state_name or requested}
    return None


@rule(
    id="extradition.penalty_threshold",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 2(1) | ETS-024 2(1)",
    kinds=BOTH,
)
def penalty_threshold(body, ctx):
    """An offence is extraditable for prosecution only if punishable by deprivation of liberty for a maximum of at least one year (two under some treaties)."""
    if _for_a_sentence(body):
        return
    for i, o in enumerate(body.offences):
        if o.max_penalty_years is not None and o.max_penalty_years < 1:
            yield Finding(
                _(
                    "This offence is punishable by less than one year's deprivation of liberty. "
                    "Extradition for prosecution is granted only for offences punishable by at "
                    "least one year (two under some treaties); check the maximum penalty, or "
                    "ask for extradition for it only together with an extraditable offence."
                ),
                field=f"offences.{i}.max_penalty_years",
            )


@rule(
    id="extradition.sentence_threshold",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 2(1) | ETS-024 2(1)",
    kinds=BOTH,
)
def sentence_threshold(body, ctx):
    """Extradition to enforce a sentence needs at least four or six months still to be served (UN Model Treaty), or a sentence of at least four months (ETS-024)."""
    w = body.warrant
    if not _for_a_sentence(body) or w.indeterminate:
        return
    if w.remaining_months is None:
        yield Finding(
            _(
                "Give, in months, the part of the sentence that remains to be served, so that "
                "the requested State can see that the treaty's minimum is met."
            ),
            field="warrant.remaining_months",
        )
    elif w.remaining_months < 6:
        yield Finding(
            _(
                "Only %(months)s months of the sentence remain to be served. Treaties following "
                "the UN Model Treaty allow extradition to enforce a sentence only when at least "
                "four or six months remain: check the applicable treaty."
            )
            % {"months": f"{w.remaining_months:g}"},
            field="warrant.remaining_months",
        )
    if "ETS-024" in ctx.legal_bases and w.sentence_months is not None and w.sentence_months < 4:
        yield Finding(
            _(
                "The European Convention on Extradition allows extradition to enforce a sentence "
                "only when the sentence imposed is of at least four months. Check the sentence "
                "imposed."
            ),
            field="warrant.sentence_months",
        )


@rule(
    id="extradition.in_absentia",
    severity="error",
    citation="UN Model Treaty on Extradition art. 3(g) | ETS-098 3",
    kinds={"extradition"},
    field="assurances.retrial",
)
def in_absentia(body, ctx):
    """Extradition to enforce a judgment rendered in absentia is refused unless the person will have a retrial, in their presence, that safeguards the rights of the defence."""
    if body.warrant.in_absentia and not filled(body.assurances.retrial):
        return _(
            "The judgment was rendered in absentia. Assure that the person will have the right "
            "to a retrial in their presence that safeguards the rights of the defence, and say "
            "how (the law that grants it, the time limit to ask for it)."
        )


@rule(
    id="extradition.ne_bis_in_idem",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 3(d) | ETS-024 9",
    kinds={"extradition"},
    field="assurances.ne_bis_in_idem",
)
def ne_bis_in_idem(body, ctx):
    """Extradition is refused when the person has been finally judged in the requested State for the same offence, so the request should state what is known about it."""
    if not filled(body.assurances.ne_bis_in_idem):
        return _(
            "State whether, to your knowledge, the person has been finally judged, or proceedings "
            "against them were dropped, for the same acts, in the requested State or elsewhere."
        )


@rule(
    id="extradition.political_military",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 3(a), (c) | ETS-024 3, 4",
    kinds=BOTH,
)
def political_military(body, ctx):
    """Extradition is refused for political offences and for offences under military law that are not offences under ordinary criminal law."""
    if filled(body.assurances.offence_nature):
        return
    for i, o in enumerate(body.offences):
        text = _offence_text(o)
        if _mentions(text, POLITICAL_WORDS) or _mentions(text, MILITARY_WORDS):
            yield Finding(
                _(
                    "“%(offence)s” may be taken for a political offence or an offence under "
                    "military law only, for which extradition is refused. Explain why it is an "
                    "offence under ordinary criminal law, under Procedure and conditions."
                )
                % {"offence": o.label or o.statute},
                field=f"offences.{i}.label",
            )


@rule(
    id="extradition.fiscal",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 2(3) | ETS-024 5 | ETS-098 2",
    kinds=BOTH,
)
def fiscal(body, ctx):
    """Under ETS-024 art. 5, extradition for offences in connection with taxes, duties, customs and exchange is granted only if the Parties so decided; its Second Additional Protocol (ETS-098 art. 2) grants it where the offence corresponds to one of the same nature."""
    if filled(body.assurances.offence_nature):
        return
    for i, o in enumerate(body.offences):
        if _mentions(_offence_text(o), FISCAL_WORDS):
            yield Finding(
                _(
                    "“%(offence)s” concerns taxes, duties, customs or exchange. Between Parties "
                    "to the European Convention on Extradition alone, extradition for it needs an "
                    "arrangement between the States; under its Second Additional Protocol it is "
                    "granted if the offence corresponds to one of the same nature. Explain on which "
                    "of these extradition can be granted, under Procedure and conditions."
                )
                % {"offence": o.label or o.statute},
                field=f"offences.{i}.label",
            )


@rule(
    id="extradition.lapse_of_time",
    severity="warning",
    citation="CETS-212 1",
    kinds=BOTH,
    supersedes=("extradition.limitation",),
)
def lapse_of_time(body, ctx):
    """Under the Fourth Additional Protocol, extradition is refused only when prosecution or punishment is statute-barred under the law of the requesting Party (ETS-024 art. 10 as replaced), so the request must show that it is not."""
    if "CETS-212" not in ctx.legal_bases:
        return
    for i, o in enumerate(body.offences):
        if not filled(o.limitation):
            yield Finding(
                _(
                    "Under the Fourth Additional Protocol only your law decides whether the "
                    "offence is statute-barred. State the limitation period under your law, the "
                    "date it runs out and any interruption or suspension."
                ),
                field=f"offences.{i}.limitation",
            )
