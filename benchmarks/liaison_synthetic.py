"""Synthetic messages of the informal channel for the liaison benchmark, encrypted with the vault.

Run by liaison_inbox.py in a child process whose environment selects a throwaway database and
COMITY_HOME (the vault's key file is created there):

    COMITY_HOME=/tmp/x python benchmarks/liaison_synthetic.py --messages 1000000 --seed 1 --out info.json

41 contact points in distinct States: one financial intelligence unit (the measured user reads
its messages) and OTHER_AUTHORITIES police, FIU and asset-recovery offices. BIG_SHARE of the
messages are sent to the measured FIU, BIG_SENT_SHARE are sent by it, the rest go between the
others. Requests, answers (to an earlier request of the same pair, often about the same things),
spontaneous disclosures, consent requests and consents, a few forwards and witness-protection
requests; handling codes H0-H3 with the 4x4 evaluation; over YEARS years, newest last.

Each message is about 1-3 entities (persons, companies, accounts, telephone numbers, vehicles).
Their values come from pools (`pools(seed)`, shared with the query mix of benchmarks/queries.py)
drawn with Zipf weights: a few accounts, names and numbers recur in thousands of messages, most
in a handful.

Subjects, bodies, notes and entity values are encrypted by the model fields (vault.encrypt, one
Fernet token each) and every entity gets its blind index (vault.blind), as services.send writes
them; the rows are written with bulk_create, TRANSACTION messages (and their entities) per
transaction. No audit entries are written (services.send writes one per message; nothing the
benchmark reads depends on them). Deterministic per seed, apart from the keys and the tokens.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
import time
from collections import deque
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG_SHARE = 0.6
BIG_SENT_SHARE = 0.05
OTHER_AUTHORITIES = 40
OTHER_KINDS = ["police", "fiu", "asset_recovery_office"]
YEARS = 3
TRANSACTION = 20_000
BATCH = 2_000
ACCOUNTS, COMPANIES, PHONES, VEHICLES = 200_000, 40_000, 100_000, 50_000
ZIPF_S = 0.7

KIND_WEIGHTS = {
    "request": 42,
    "answer": 30,
    "spontaneous": 15,
    "consent_request": 6,
    "consent": 6,
    "protection": 0.2,
}
ENTITY_WEIGHTS = {"person": 42, "company": 18, "account": 28, "phone": 8, "vehicle": 4}
HANDLING_WEIGHTS = {"H0": 35, "H1": 33, "H2": 27, "H3": 5}
IBAN_COUNTRIES = [
    ("DE", 18), ("FR", 23), ("UA", 25), ("CY", 24), ("LV", 17), ("NL", 14), ("AE", 19),
    ("GB", 18), ("ES", 20), ("IT", 23), ("PL", 24), ("CH", 17),
]  # fmt: skip
PHONE_PREFIXES = ["+380", "+49", "+33", "+7", "+971", "+44", "+34", "+39", "+48", "+357"]
SUBJECTS = [
    "Transfers through {company}",
    "Account holder of {account}",
    "Request for bank statements — {company}",
    "Suspicious transaction report about {name}",
    "Identification of the user of a telephone number",
    "Vehicle seen at the border crossing",
    "Urgent: freezing of funds before withdrawal",
    "Beneficial owner of {company}",
    "Demande d'informations : {company}",
    "Solicitud de información sobre {name}",
    "Запрос информации о счёте",
    "Встречный запрос: {company}",
    "طلب معلومات عن حساب مصرفي",
    "关于{company}的资金往来",
]
SENTENCES = [
    "We received a suspicious transaction report concerning several transfers above the threshold.",
    "The account was opened three weeks before the first incoming payment from abroad.",
    "Please confirm whether the person is known to your service and under which identity.",
    "The funds were withdrawn in cash on the same day at two different branches.",
    "The company has no employees and its registered address is a service provider.",
    "Our analysis links the telephone number to four accounts at different banks.",
    "We would be grateful for the identity of the beneficial owner and the signatories.",
    "The vehicle was registered to a leasing company and crossed the border twice.",
    "This information may not be used as evidence without our written consent.",
    "Nous vous remercions de nous indiquer si ces comptes sont connus de vos services.",
    "La société a reçu des virements de plusieurs entités établies dans des pays tiers.",
    "Les fonds ont été transférés vers un compte ouvert au nom d'un tiers.",
    "Le agradeceríamos que nos facilitara los extractos de los últimos doce meses.",
    "Según nuestros registros, la persona figura como administradora de la sociedad.",
    "Просим сообщить сведения о владельце счёта и движении средств за последний год.",
    "Денежные средства были переведены на счёт компании, зарегистрированной в офшорной зоне.",
    "Прошу надати інформацію щодо кінцевого бенефіціарного власника компанії.",
    "نرجو تزويدنا بالمعلومات المتوفرة لديكم عن صاحب الحساب والتحويلات المرتبطة به.",
    "تم تحويل المبالغ إلى حسابات في عدة دول خلال فترة قصيرة.",
    "该公司在三个月内收到多笔来自境外的汇款，随后全部提取现金。",
    "请协助核实该账户的实际控制人及相关交易记录。",
]


def _cumulative(n: int, s: float = ZIPF_S) -> list[float]:
    total, out = 0.0, []
    for rank in range(n):
        total += 1 / (rank + 1) ** s
        out.append(total)
    return out


def _iban(rng: random.Random) -> str:
    country, length = rng.choice(IBAN_COUNTRIES)
    digits = "".join(rng.choice("0123456789") for _ in range(length - 4))
    if country in ("GB", "NL"):
        digits = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4)) + digits[4:]
    compact = f"{country}{rng.randint(10, 99)}{digits}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _plate(rng: random.Random) -> str:
    letters = "ABCEHKMOPTXY"
    pick = "".join
    return rng.choice(
        [
            f"{pick(rng.choices(letters, k=2))} {rng.randint(1000, 9999)} {pick(rng.choices(letters, k=2))}",
            f"{pick(rng.choices(letters, k=2))}-{pick(rng.choices(letters, k=2))} {rng.randint(100, 9999)}",
            f"{pick(rng.choices(letters, k=3))} {rng.randint(100, 999)}",
        ]
    )


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(PHONE_PREFIXES)
    number = "".join(rng.choice("0123456789") for _ in range(9))
    return f"{prefix} {number[:2]} {number[2:5]} {number[5:]}"


def _company(rng: random.Random, index: int) -> str:
    import case_synthetic as cs
    import synthetic

    name = rng.choice(cs.COMPANIES).format(
        city=rng.choice(synthetic.CITIES),
        cyr=rng.choice(cs.CYRILLIC[1]),
        ar=rng.choice(cs.ARABIC[0]),
        zh=rng.choice(["华信", "中联", "东方", "长城", "金桥", "海通"]),
    )
    return f"{name} {index}"


@cache
def pools(seed: int) -> dict:
    """The values messages are about, most frequent first, with cumulative Zipf weights: the same
    for the load and for the query mix (benchmarks/queries.py) of one seed."""
    import case_synthetic as cs

    rng = random.Random(seed * 7 + 1)
    out: dict = {}
    for kind, size, make in (
        ("account", ACCOUNTS, lambda i: _iban(rng)),
        ("company", COMPANIES, lambda i: _company(rng, i)),
        ("phone", PHONES, lambda i: _phone(rng)),
        ("vehicle", VEHICLES, lambda i: _plate(rng)),
    ):
        values = list(dict.fromkeys(make(i) for i in range(size)))
        out[kind] = (values, _cumulative(len(values)))
    people: list[str] = []
    for script, (given, surnames) in cs.SCRIPTS.items():
        for surname in surnames:
            for first in given:
                if script == "chinese":
                    people.append(surname + first)
                else:
                    people.append(f"{first} {surname}")
    rng.shuffle(people)
    out["person"] = (people, _cumulative(len(people)))
    return out


def draw(rng: random.Random, seed: int, kind: str) -> str:
    values, cumulative = pools(seed)[kind]
    return rng.choices(values, cum_weights=cumulative)[0]


def stored_spelling(rng: random.Random, kind: str, value: str) -> str:
    """How an officer typed the value into a message: mostly as in the pool, sometimes not."""
    roll = rng.random()
    if kind == "account" and roll < 0.3:
        return value.replace(" ", "")
    if kind == "person" and roll < 0.1:
        return value.upper()
    if kind == "phone" and roll < 0.3:
        return value.replace(" ", "")
    return value


def _authorities(rng: random.Random, countries: list[dict]) -> list:
    """1 + OTHER_AUTHORITIES contact points (the real directory import), in distinct States."""
    import synthetic

    from comity.directory.models import Authority

    picked = rng.sample(countries, 1 + OTHER_AUTHORITIES)
    rows = synthetic.generate(rng, picked, len(picked))
    competence = {"police": "police", "fiu": "fiu", "asset_recovery_office": "asset_recovery"}
    for number, row in enumerate(rows):
        row["kind"] = "fiu" if number == 0 else rng.choice(OTHER_KINDS)
        row["competences"] = sorted({*row["competences"], competence[row["kind"]]})
    synthetic._import(rows, 0)
    by_email = {a.email: a for a in Authority.objects.filter(source=synthetic.SOURCE)}
    return [by_email[row["email"]] for row in rows]


def _user(username: str, authority, role: str, liaison_role: str):
    from comity.accounts.models import User

    return User.objects.create_user(
        username=username,
        authority=authority,
        role=role,
        liaison_role=liaison_role,
        is_example=True,
    )


class Channel:
    """Draws the messages between the contact points, oldest first."""

    def __init__(self, rng: random.Random, *, seed: int, authorities: list, officers: dict):
        self.rng, self.seed = rng, seed
        self.big, self.others = authorities[0].pk, [a.pk for a in authorities[1:]]
        self.officers = officers
        self.kinds, self.kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        self.entity_kinds, self.entity_weights = list(ENTITY_WEIGHTS), list(ENTITY_WEIGHTS.values())
        self.handlings = list(HANDLING_WEIGHTS)
        self.handling_weights = list(HANDLING_WEIGHTS.values())
        # Per (sender, recipient): recent requests and consent requests (pk, entity values),
        # which later answers and consents of the other side refer to.
        self.open: dict[tuple, deque] = {}

    def pair(self) -> tuple:
        rng = self.rng
        roll = rng.random()
        if roll < BIG_SHARE:
            return rng.choice(self.others), self.big
        if roll < BIG_SHARE + BIG_SENT_SHARE:
            return self.big, rng.choice(self.others)
        return tuple(rng.sample(self.others, 2))

    def entities(self, earlier: list | None) -> list[tuple[str, str]]:
        rng = self.rng
        count = rng.choices((1, 2, 3), weights=(40, 40, 20))[0]
        out = []
        if earlier and rng.random() < 0.6:
            out.append(rng.choice(earlier))
        while len(out) < count:
            kind = rng.choices(self.entity_kinds, weights=self.entity_weights)[0]
            value = stored_spelling(rng, kind, draw(rng, self.seed, kind))
            out.append((kind, value))
        return out

    def text(self, entities: list[tuple[str, str]]) -> tuple[str, str]:
        rng = self.rng
        names = dict(entities)
        subject = rng.choice(SUBJECTS).format(
            company=names.get("company") or "the company",
            account=names.get("account") or "the account",
            name=names.get("person") or "the person",
        )
        size = rng.randint(150, 900)
        body: list[str] = []
        while sum(len(s) + 1 for s in body) < size:
            body.append(rng.choice(SENTENCES))
        return subject, " ".join(body)

    def message(self, created_at: datetime.datetime) -> dict:
        """One message as Message field values, with its entities (type, value)."""
        from comity.liaison.vocabulary import default_expiry

        rng = self.rng
        sender, recipient = self.pair()
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
        in_reply_to = granted = None
        earlier = None
        if kind in ("answer", "consent"):
            waiting = self.open.get((recipient, sender))
            if waiting:
                in_reply_to, earlier = waiting.popleft()
            elif kind == "consent":
                kind = "spontaneous"
        if kind == "consent":
            granted = rng.random() < 0.8
        entities = self.entities(earlier)
        subject, body = self.text(entities)
        handling = rng.choices(self.handlings, weights=self.handling_weights)[0]
        on = created_at.date()
        return {
            "sender_id": sender,
            "recipient_id": recipient,
            "kind": kind,
            "subject": subject,
            "body": body,
            "handling": handling,
            "handling_note": "Not to be shared with tax authorities." if handling == "H3" else "",
            "source_evaluation": rng.choices("ABCX", weights=(20, 45, 15, 20))[0],
            "information_evaluation": rng.choices("1234", weights=(15, 35, 30, 20))[0],
            "priority": "urgent" if rng.random() < 0.1 else "routine",
            "reply_by": on + datetime.timedelta(days=rng.randint(5, 30))
            if kind == "request" and rng.random() < 0.4
            else None,
            "in_reply_to_id": in_reply_to,
            "granted": granted,
            "expires_on": default_expiry(kind, on),
            "created_by_id": self.officers[sender],
            "created_at": created_at,
            "is_example": True,
            "_entities": entities,
        }

    def remember(self, message) -> None:
        """A request or consent request the other side may answer later."""
        if message.kind in ("request", "consent_request"):
            waiting = self.open.setdefault((message.sender_id, message.recipient_id), deque())
            waiting.append((message.pk, message._entities))
            if len(waiting) > 50:
                waiting.popleft()


def load(messages: int, seed: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from comity.geo.models import Country
    from comity.liaison import vault
    from comity.liaison.models import Entity, Message, ProtectedPerson

    rng = random.Random(seed)
    countries = list(
        Country.objects.states().order_by("iso3").values("iso3", "iso2", "official_languages")
    )
    if not countries:
        raise SystemExit("no States in geo.Country: run `manage.py load_reference` first")
    authorities = _authorities(rng, countries)
    officers = {
        a.pk: _user(f"bench-liaison-officer-{i}", a, "officer", "officer").pk
        for i, a in enumerate(authorities)
    }
    vault.encrypt("key file")  # created once, before the load
    t0 = time.perf_counter()
    pools(seed)
    pools_s = time.perf_counter() - t0
    channel = Channel(
        random.Random(rng.random()), seed=seed, authorities=authorities, officers=officers
    )
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=YEARS * 365)
    step = (now - start) / messages
    info: dict = {
        "messages": messages,
        "seed": seed,
        "authorities": len(authorities),
        "transaction": TRANSACTION,
        "batch": BATCH,
        "chunks": [],
    }
    generate_s = insert_s = 0.0
    entities_total = protected = encrypted = 0
    started = time.perf_counter()
    for first in range(0, messages, TRANSACTION):
        t0 = time.perf_counter()
        drawn = [
            channel.message(start + step * i + datetime.timedelta(seconds=rng.random()))
            for i in range(first, min(messages, first + TRANSACTION))
        ]
        rows = []
        for values in drawn:
            entities = values.pop("_entities")
            row = Message(**values)
            row._entities = entities
            rows.append(row)
        t1 = time.perf_counter()
        with transaction.atomic():
            Message.objects.bulk_create(rows, batch_size=BATCH)
            children = [
                Entity(message_id=m.pk, type=kind, value=value, digest=vault.blind(value))
                for m in rows
                for kind, value in m._entities
            ]
            Entity.objects.bulk_create(children, batch_size=BATCH)
            people = [
                ProtectedPerson(
                    message_id=m.pk,
                    pseudonym=f"WITNESS-{m.pk}",
                    identity=json.dumps({"name": m._entities[0][1]}, ensure_ascii=False),
                    measures="Relocation within the receiving State.",
                )
                for m in rows
                if m.kind == "protection"
            ]
            ProtectedPerson.objects.bulk_create(people, batch_size=BATCH)
        t2 = time.perf_counter()
        for m in rows:
            channel.remember(m)
        generate_s += t1 - t0
        insert_s += t2 - t1
        entities_total += len(children)
        protected += len(people)
        encrypted += sum(bool(m.subject) + bool(m.body) + bool(m.handling_note) for m in rows)
        encrypted += len(children) + 2 * len(people)
        done = first + len(rows)
        if done % 100_000 == 0 or done == messages:
            elapsed = time.perf_counter() - started
            info["chunks"].append({"messages": done, "elapsed_s": round(elapsed, 1)})
            print(
                f"    {done:,} messages, {entities_total:,} entities: {elapsed:.0f} s "
                f"({done / elapsed:.0f} messages/s)",
                flush=True,
            )
    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load: the statistics, and the visibility map
            # that lets a page of a box be read from the index alone.
            cursor.execute("VACUUM ANALYZE")
    else:
        from comity.core import statistics

        statistics.refresh()  # as the daily `comity remind` does
    analyse_s = time.perf_counter() - t0
    big = authorities[0].pk
    info.update(
        entities=entities_total,
        protected_persons=protected,
        pools_s=round(pools_s, 1),
        generate_s=round(generate_s, 1),
        insert_s=round(insert_s, 1),
        analyse_s=round(analyse_s, 1),
        load_s=round(generate_s + insert_s, 1),
        messages_per_s=round(messages / (generate_s + insert_s), 1),
        measured_authority=str(big),
        measured_inbox=Message.objects.filter(recipient_id=big).count(),
        measured_sent=Message.objects.filter(sender_id=big).count(),
        measured_entities=Entity.objects.filter(message__recipient_id=big).count(),
        encryption_us=round(_encryption_cost(vault) * 1e6, 1),
        values_encrypted=encrypted,
    )
    info["encryption_share_s"] = round(encrypted * info["encryption_us"] / 1e6, 1)
    info["database_mb"] = _database_mb(connection)
    return info


def _encryption_cost(vault) -> float:
    """Seconds vault.encrypt takes for a body of average length (how much of the load it is)."""
    text = " ".join(SENTENCES[:6])
    started = time.perf_counter()
    for _ in range(2_000):
        vault.encrypt(text)
    return (time.perf_counter() - started) / 2_000


def _database_mb(connection) -> float:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        else:
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            size = pages * cursor.fetchone()[0]
    return round(size / 2**20, 1)


def measured_user(authority_id: str):
    """A reader of the FIU's messages (no part in writing them)."""
    from comity.directory.models import Authority

    return _user("bench-liaison-reader", Authority.objects.get(pk=authority_id), "viewer", "reader")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import captured

    captured.synthetic_main(
        __doc__, unit="messages", default=1_000_000, load=load, measured_user=measured_user
    )
