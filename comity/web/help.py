"""The help page's text: one section per kind of request and the glossary of the forms' legal terms.

Written in our own words from the official texts, each statement with the article it rests on. A
term's `anchor` is its id on /help/ and part of the URL that forms link to (a field's
`help_anchors`, web/_field.html): change it only together with every link to it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comity.treaties.vocabulary import RequestKind


@dataclass(frozen=True)
class KindHelp:
    kind: RequestKind
    purpose: Promise
    basis: Promise
    needs: Promise
    pitfalls: Promise

    @property
    def anchor(self) -> str:
        return f"kind-{self.kind.value.replace('_', '-')}"


@dataclass(frozen=True)
class Term:
    anchor: str
    term: Promise
    text: Promise


KINDS = (
    KindHelp(
        RequestKind.MLA,
        _(
            "Asks another State to gather evidence or take a procedural step for a criminal "
            "investigation, prosecution or trial: taking statements, serving documents, searches "
            "and seizures, bank and business records, hearings by video link."
        ),
        _(
            "UNTOC art. 18 and UNCAC art. 46 (the forms of assistance are listed in paragraph 3 "
            "of each); ETS 30 and the UN Model Treaty on Mutual Assistance in Criminal Matters "
            "between their Parties. Where a bilateral MLA treaty binds the two States, it applies "
            "instead of paragraphs 9 to 29 of UNTOC art. 18 (art. 18(7))."
        ),
        _(
            "The contents listed in UNTOC art. 18(15): the requesting authority; the subject and "
            "nature of the proceedings and the authority conducting them; a summary of the facts; "
            "the assistance sought and any particular procedure; where possible the identity, "
            "location and nationality of the persons concerned; the purpose of the evidence. The "
            "request is made in writing, in a language the requested State accepts (art. 18(14))."
        ),
        _(
            "Facts too thin to show how the requested State is connected to the case; no clear "
            "link between the evidence sought and the offence; a coercive measure asked for "
            "conduct that is not an offence in the requested State; a particular procedure asked "
            "for without saying why the trial court needs it."
        ),
    ),
    KindHelp(
        RequestKind.EXTRADITION,
        _(
            "Asks the State where a person is found to surrender that person for prosecution or "
            "to serve a sentence."
        ),
        _(
            "UNTOC art. 16 and UNCAC art. 44, which a State that makes extradition conditional "
            "on a treaty may use as the legal basis (UNTOC art. 16(4)); ETS 24 and the UN Model "
            "Treaty on Extradition between their Parties; bilateral treaties."
        ),
        _(
            "A precise description of the person sought; the arrest warrant or the enforceable "
            "judgment; the facts, with their time and place; the text of the provisions applied, "
            "the penalty and the rules on limitation (ETS 24 art. 12; Model Treaty on Extradition "
            "art. 5). Many States also require assurances, for example on the death penalty."
        ),
        _(
            "Dual criminality not shown for each offence; a penalty below the threshold of the "
            "treaty (ETS 24 art. 2: at least one year, or four months of a sentence); a requested "
            "State that does not extradite its nationals, which must then, if asked, submit the "
            "case to its own prosecutors (UNTOC art. 16(10)); documents not certified or not "
            "translated."
        ),
    ),
    KindHelp(
        RequestKind.PROVISIONAL_ARREST,
        _(
            "Asks, in an urgent case, that the person sought be arrested before the extradition "
            "request arrives, so that the person cannot flee."
        ),
        _(
            "UNTOC art. 16(9); UNCAC art. 44(10); ETS 24 art. 16; UN Model Treaty on Extradition "
            "art. 9."
        ),
        _(
            "That an arrest warrant or a judgment exists; the offence and a short account of the "
            "facts, with their time and place; a description of the person; a statement that the "
            "extradition request will follow. It may be sent through INTERPOL."
        ),
        _(
            "The extradition request must arrive within the time limit of the treaty (under ETS "
            "24 art. 16(4) the person may be released after 18 days and must be released after "
            "40), so prepare it at the same time; ask for an arrest only where the case is urgent."
        ),
    ),
    KindHelp(
        RequestKind.TRANSFER_SENTENCED,
        _(
            "Lets a person sentenced in one State serve the sentence in their own State, which "
            "helps their return to society."
        ),
        _(
            "UNTOC art. 17 and UNCAC art. 45 only invite States to conclude agreements; the "
            "transfer itself rests on a treaty such as the Convention on the Transfer of "
            "Sentenced Persons (ETS 112) or a bilateral treaty."
        ),
        _(
            "Under ETS 112 art. 3: the person is a national of the administering State; the "
            "judgment is final; at least six months remain to be served; the acts are an offence "
            "in both States; the person consents; both States agree. Send a certified copy of the "
            "judgment, the law applied and a statement of the sentence already served."
        ),
        _(
            "No treaty between the two States; the person's consent missing or not informed; too "
            "little of the sentence left; no agreement on whether the sentence will be continued "
            "or converted (ETS 112 arts 9 to 11)."
        ),
    ),
    KindHelp(
        RequestKind.TRANSFER_PROCEEDINGS,
        _(
            "Asks another State to take over a prosecution, for example because the suspect "
            "lives there, cannot be extradited, or most of the evidence is there."
        ),
        _(
            "UNTOC art. 21 and UNCAC art. 47 invite States to consider it; between their Parties, "
            "the European Convention on the Transfer of Proceedings in Criminal Matters (ETS 73) "
            "and the UN Model Treaty on the Transfer of Proceedings in Criminal Matters govern it."
        ),
        _(
            "The case file or a certified copy; the facts; the legal qualification and the text "
            "of the law applied; the evidence gathered; the stage of the proceedings, including "
            "whether the limitation period has been interrupted."
        ),
        _(
            "The requested State must have jurisdiction over the acts under its own law; the "
            "evidence must be usable under its procedure; the requesting State usually has to "
            "stop its own proceedings (ne bis in idem)."
        ),
    ),
    KindHelp(
        RequestKind.CONFISCATION,
        _(
            "Asks another State to identify, trace, freeze or seize, and finally confiscate the "
            "proceeds and instrumentalities of crime, and to return or share them."
        ),
        _(
            "UNTOC arts 12 to 14 (art. 13 for the request, art. 14 for disposal); UNCAC arts 31 "
            "and 54 to 57 (asset recovery; art. 57 on the return of assets); the Warsaw "
            "Convention (CETS 198) between its Parties."
        ),
        _(
            "In addition to the contents of an MLA request (UNTOC art. 13(3)): a description of "
            "the property and where it is; to obtain an order in the requested State, facts "
            "enough for it to seek one under its law; to enforce a foreign order, a legally "
            "admissible copy of it and how far it should be executed."
        ),
        _(
            "Property not described precisely (account numbers, registry references); no link "
            "shown between the property and the offence; an order without a conviction that the "
            "requested State cannot enforce; the rights of bona fide third parties overlooked "
            "(UNTOC art. 12(8))."
        ),
    ),
    KindHelp(
        RequestKind.PRESERVATION,
        _(
            "Asks that stored computer data (subscriber, traffic or content data) be kept from "
            "deletion at once, while the request to obtain it is prepared."
        ),
        _(
            "Convention on Cybercrime (ETS 185, Budapest) art. 29, and art. 30 for the expedited "
            "disclosure of traffic data; usually sent through the 24/7 network (art. 35)."
        ),
        _(
            "The requesting authority; the offence and a short summary of the facts; the data to "
            "be preserved and how it relates to the offence; what is known of its custodian or "
            "of the location of the computer system; why preservation is necessary; that a "
            "request for search, seizure or disclosure will follow (art. 29(2))."
        ),
        _(
            "Preservation does not hand the data over: the follow-up request must be sent, and "
            "the data is kept for at least 60 days (art. 29(7)). Identifiers must be exact (an IP "
            "address with date, time and time zone; account names), and the provider may be in "
            "yet another State."
        ),
    ),
    KindHelp(
        RequestKind.JIT,
        _(
            "Sets up a team of investigators and prosecutors of two or more States who work "
            "together, for a limited period, on a case connected to each of them."
        ),
        _(
            "UNTOC art. 19 and UNCAC art. 49 (agreements, or arrangements case by case); Second "
            "Additional Protocol to ETS 30 (ETS 182) art. 20; between EU Member States, the 2000 "
            "EU Convention on Mutual Assistance and Framework Decision 2002/465/JHA."
        ),
        _(
            "A written agreement naming the States and authorities, the purpose, the period, the "
            "leader and members of the team, the rules on the use of information and evidence, "
            "and who bears which costs."
        ),
        _(
            "Starting work before the agreement is signed; unclear rules on using the evidence "
            "in other proceedings; forgetting that the team acts under the law of the State where "
            "it operates, whose sovereignty must be fully respected (UNTOC art. 19)."
        ),
    ),
)

TERMS = (
    Term(
        "dual-criminality",
        _("Dual criminality"),
        _(
            "The requirement that the conduct be an offence under the law of both the requesting "
            "and the requested State; what counts is the conduct, not the name of the offence. It "
            "is a condition of extradition (UNTOC art. 16(1); ETS 24 art. 2). For mutual legal "
            "assistance its absence allows a refusal (UNTOC art. 18(9)), but non-coercive "
            "assistance must still be given where the requested State's legal system allows "
            "(UNCAC art. 46(9))."
        ),
    ),
    Term(
        "speciality",
        _("Rule of speciality"),
        _(
            "A person extradited may be prosecuted, sentenced or detained only for the offences "
            "for which extradition was granted, unless the requested State consents or the "
            "person, once free to leave, stays or returns (ETS 24 art. 14; UN Model Treaty on "
            "Extradition art. 14). In mutual legal assistance, the same idea limits the use of "
            "evidence to the proceedings named in the request (UNTOC art. 18(19); UNCAC art. "
            "46(19))."
        ),
    ),
    Term(
        "ne-bis-in-idem",
        _("Ne bis in idem"),
        _(
            "No one may be tried or punished twice for the same acts. Extradition is refused "
            "where the person has been finally judged in the requested State for the same "
            "offence (ETS 24 art. 9; UN Model Treaty on Extradition art. 3(d)); some treaties "
            "extend this to final judgments of third States."
        ),
    ),
    Term(
        "provisional-arrest",
        _("Provisional arrest"),
        _(
            "The arrest of the person sought, in an urgent case, before the extradition request "
            "and its documents arrive (UNTOC art. 16(9); ETS 24 art. 16; UN Model Treaty on "
            "Extradition art. 9). The person may be released if the request does not arrive "
            "within the time limit of the applicable treaty."
        ),
    ),
    Term(
        "urgent-requests",
        _("Urgent requests"),
        _(
            "Where the States agree, an urgent request may be sent through INTERPOL, or made "
            "orally and confirmed in writing at once (UNTOC art. 18(13) and (14)); under ETS 30 "
            "art. 15(2) and the Convention on Cybercrime art. 27(9), judicial authorities may "
            "then write to each other directly. Say why the matter is urgent and by which date "
            "the action is needed (UNTOC art. 18(24))."
        ),
    ),
    Term(
        "expedited-preservation",
        _("Expedited preservation"),
        _(
            "A quick measure that keeps stored computer data as it is, so that it is not deleted "
            "before a request for search, seizure or disclosure can be executed. Dual "
            "criminality is in principle not required, and the data is kept for at least 60 days "
            "(Convention on Cybercrime art. 29)."
        ),
    ),
    Term(
        "network-24-7",
        _("24/7 network"),
        _(
            "The contact points that each Party to the Convention on Cybercrime keeps available "
            "at all hours to give immediate help in investigations into computer-related crime: "
            "technical advice, preservation of data, collection of evidence, locating suspects "
            "(art. 35). Most preservation requests go through them."
        ),
    ),
    Term(
        "central-authority",
        _("Central authority"),
        _(
            "The authority that each State designates to receive requests for mutual legal "
            "assistance and to execute them or pass them on to the competent authorities (UNTOC "
            "art. 18(13); UNCAC art. 46(13)). Requests go from one central authority to the "
            "other unless a treaty or the requested State provides otherwise."
        ),
    ),
    Term(
        "letter-rogatory",
        _("Letter rogatory"),
        _(
            "A request from a court or another judicial authority of one State to the "
            "authorities of another State to carry out a procedural act, such as hearing a "
            "witness or seizing evidence (ETS 30 arts 3 to 6). Many legal systems use the term "
            "for any request for mutual legal assistance."
        ),
    ),
    Term(
        "grounds-for-refusal",
        _("Grounds for refusal (UNTOC art. 18(21))"),
        _(
            "Mutual legal assistance may be refused if the request does not comply with article "
            "18; if its execution is likely to prejudice the sovereignty, security, ordre public "
            "or other essential interests of the requested State; if that State's law would "
            "forbid the action for a similar offence of its own; or if granting it would be "
            "contrary to that State's legal system of mutual legal assistance. Bank secrecy and "
            "the fiscal nature of an offence are not grounds (art. 18(8) and (22)), and every "
            "refusal must be reasoned (art. 18(23))."
        ),
    ),
    Term(
        "reciprocity",
        _("Reciprocity"),
        _(
            "The requesting State's undertaking to give the requested State the same kind of "
            "assistance in a similar case. Where no treaty applies, many States cooperate on "
            "this basis under their own law."
        ),
    ),
    Term(
        "legal-basis",
        _("Legal basis"),
        _(
            "The treaty or law under which a request is made: a bilateral or regional treaty, a "
            "multilateral convention (UNTOC, UNCAC, Convention on Cybercrime), the requested "
            "State's law, or reciprocity. The instrument in force between the two States decides "
            "the contents, the channel and the grounds for refusal that apply."
        ),
    ),
    Term(
        "person-sought",
        _("Person sought"),
        _(
            "The person whose extradition or provisional arrest is requested. Identify the person "
            "as precisely as possible: name, date and place of birth, nationality, identity "
            "documents, description, photograph and fingerprints, and where the person is "
            "believed to be."
        ),
    ),
    Term(
        "assurances",
        _("Assurances (death penalty, fair trial)"),
        _(
            "Undertakings by the requesting State that allow the requested State to grant a "
            "request it could otherwise refuse. Where the offence is punishable by death, "
            "extradition may be refused unless the requesting State gives assurances that the "
            "death penalty will not be imposed or, if imposed, will not be carried out (ETS 24 "
            "art. 11; UN Model Treaty on Extradition art. 4(d)). Assurances of a fair trial, and "
            "of a retrial after a judgment in absentia, answer the guarantee of fair treatment "
            "(UNTOC art. 16(13))."
        ),
    ),
    Term(
        "judgment-in-absentia",
        _("Judgment in absentia"),
        _(
            "A judgment given without the accused present at the trial. Extradition to enforce "
            "it may be refused unless the requesting State assures that the person will have a "
            "retrial that protects the rights of the defence (Second Additional Protocol to ETS "
            "24, ETS 98, art. 3; UN Model Treaty on Extradition art. 3(g))."
        ),
    ),
    Term(
        "confiscation-and-freezing",
        _("Confiscation and freezing"),
        _(
            "Freezing or seizure temporarily prohibits the transfer, conversion, disposition or "
            "movement of property; confiscation is the permanent deprivation of property by order "
            "of a court or other competent authority (UNTOC art. 2(f) and (g); UNCAC art. 2(f) "
            "and (g)). Requests for either follow UNTOC art. 13 and UNCAC art. 55."
        ),
    ),
    Term(
        "joint-investigation-team",
        _("Joint investigation team"),
        _(
            "A team of authorities of two or more States, set up by agreement for a specific "
            "purpose and a limited period, to carry out investigations together (UNTOC art. 19; "
            "UNCAC art. 49; ETS 182 art. 20)."
        ),
    ),
    Term(
        "spontaneous-information",
        _("Spontaneous information"),
        _(
            "Information that one State passes to another without a request, because it may help "
            "that State's inquiries or proceedings (UNTOC art. 18(4) and (5); UNCAC art. 46(4) "
            "and (5); Convention on Cybercrime art. 26). The receiving State respects the "
            "conditions set on its use, but may disclose information that clears an accused "
            "person, after notifying the sender."
        ),
    ),
    Term(
        "transfer-of-proceedings",
        _("Transfer of criminal proceedings"),
        _(
            "The handing over of a prosecution to another State better placed to conduct it, for "
            "example to concentrate in one State a case that involves several (UNTOC art. 21; "
            "UNCAC art. 47; ETS 73)."
        ),
    ),
)

ABBREVIATIONS = (
    ("UNTOC", _("United Nations Convention against Transnational Organized Crime (2000)")),
    ("UNCAC", _("United Nations Convention against Corruption (2003)")),
    ("ETS 24", _("European Convention on Extradition (1957)")),
    ("ETS 30", _("European Convention on Mutual Assistance in Criminal Matters (1959)")),
    ("ETS 185", _("Convention on Cybercrime (Budapest, 2001)")),
    (
        _("UN Model Treaties"),
        _(
            "Model Treaty on Extradition, Model Treaty on Mutual Assistance in Criminal Matters "
            "and Model Treaty on the Transfer of Proceedings in Criminal Matters (General "
            "Assembly resolutions 45/116, 45/117 and 45/118, 1990)"
        ),
    ),
)
