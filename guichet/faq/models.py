"""The FAQ's content: entries, their revisions, and the facets that classify them."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from guichet.faq import schemas
from guichet.limits import (
    MAX_ACRONYM_LENGTH,
    MAX_ANSWER_LENGTH,
    MAX_ATTACHMENT_NAME_LENGTH,
    MAX_ATTACHMENT_TEXT_LENGTH,
    MAX_FACET_KEY_LENGTH,
    MAX_FACET_LABEL_LENGTH,
    MAX_FACET_QUESTION_LENGTH,
    MAX_KEYWORDS_LENGTH,
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_SLUG_LENGTH,
    MAX_VALUE_LABEL_LENGTH,
    MAX_VALUE_SLUG_LENGTH,
)

RESERVED_FACET_KEYS = schemas.RESERVED_FACET_KEYS


class Facet(models.Model):
    """A way to classify entries, asked to visitors as a question."""

    key = models.SlugField(_("clé"), max_length=MAX_FACET_KEY_LENGTH, unique=True)
    label = models.CharField(_("libellé"), max_length=MAX_FACET_LABEL_LENGTH)
    question = models.CharField(_("question posée au visiteur"), max_length=MAX_FACET_QUESTION_LENGTH)
    label_en = models.CharField(_("libellé en anglais"), max_length=MAX_FACET_LABEL_LENGTH, blank=True)
    question_en = models.CharField(_("question en anglais"), max_length=MAX_FACET_QUESTION_LENGTH, blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.label


class FacetValue(models.Model):
    facet = models.ForeignKey(Facet, on_delete=models.CASCADE, related_name="values")
    slug = models.SlugField(_("identifiant"), max_length=MAX_VALUE_SLUG_LENGTH)
    label = models.CharField(_("libellé"), max_length=MAX_VALUE_LABEL_LENGTH)
    label_en = models.CharField(_("libellé en anglais"), max_length=MAX_VALUE_LABEL_LENGTH, blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)
    # Slugs this value had before (renamed, or merged into it): links that use them keep working.
    former_slugs = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["facet__order", "order", "label"]
        constraints = [models.UniqueConstraint(fields=["facet", "slug"], name="unique_value_per_facet")]

    def __str__(self) -> str:
        return f"{self.facet.label} : {self.label}"


class EntryQuerySet(models.QuerySet):
    def published(self) -> EntryQuerySet:
        return self.filter(status=Entry.Status.PUBLISHED)

    def with_facets(self, selection: dict[str, list[str]]) -> EntryQuerySet:
        """OR within a facet, AND across facets; ``selection`` maps facet keys to value slugs."""
        queryset = self
        for key, slugs in selection.items():
            if slugs:
                queryset = queryset.filter(
                    facet_values__facet__key=key, facet_values__slug__in=slugs
                )
        return queryset.distinct()

    def with_vote_counts(self) -> EntryQuerySet:
        """``yes``, ``no`` and ``open_comments`` (a "Non" comment not handled yet) per entry; distinct
        counts, so that joins added by other filters cannot multiply them."""
        return self.annotate(
            yes=models.Count("votes", filter=models.Q(votes__helpful=True), distinct=True),
            no=models.Count("votes", filter=models.Q(votes__helpful=False), distinct=True),
            open_comments=models.Count("votes", filter=models.Q(votes__helpful=False, votes__comment_handled=False)
                                       & ~models.Q(votes__comment=""), distinct=True),
        )

    def with_values(self) -> EntryQuerySet:
        """Facet values (with their facet), translations and the attachments visitors see fetched along."""
        return self.prefetch_related(
            models.Prefetch("facet_values", queryset=FacetValue.objects.select_related("facet")), "translations",
            models.Prefetch("attachments", queryset=Attachment.objects.filter(proposal__isnull=True),
                            to_attr="shown_attachments"),
        )


class Entry(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")
        ARCHIVED = "archived", _("Archivée")

    question = models.CharField(_("question"), max_length=MAX_QUESTION_LENGTH, blank=True)
    slug = models.SlugField(_("adresse"), max_length=MAX_SLUG_LENGTH, unique=True)
    answer = models.TextField(_("réponse (Markdown)"), max_length=MAX_ANSWER_LENGTH)
    answer_html = models.TextField(editable=False, default="")
    keywords = models.CharField(_("mots-clés"), max_length=MAX_KEYWORDS_LENGTH, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    facet_values = models.ManyToManyField(FacetValue, blank=True, related_name="entries")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The number of the latest revision: what an editor's form or an API client read, checked when
    # they save so that nobody's save silently replaces another's (services.entries.save_entry).
    revision = models.PositiveIntegerField(default=0, editable=False)
    # The content's life (guichet.faq.lifecycle): when an editor last checked it ("Vérifiée le"),
    # kept apart from technical saves (a status change, a merge of facet values, an import);
    # unknown (null) rather than invented for imported content that does not say.
    checked_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    valid_until = models.DateField(_("valable jusqu’au"), null=True, blank=True)
    review_every_days = models.PositiveIntegerField(_("à revérifier tous les (jours)"), null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsable"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_entries")
    publish_at = models.DateTimeField(_("publier le"), null=True, blank=True)
    unpublish_at = models.DateTimeField(_("dépublier le"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The question, or the answer's first sentence when the entry has no title."""
        if self.question:
            return self.question
        first_line = self.answer.strip().splitlines()[0] if self.answer.strip() else self.slug
        return Truncator(first_line.lstrip("-# ").strip()).chars(100)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("entry", args=[self.slug])

    @property
    def review(self):
        """When the content is due for another check, and why (``guichet.faq.lifecycle.Review``)."""
        from guichet.faq.lifecycle import review_of

        return review_of(self)

    @property
    def public_attachments(self) -> list[Attachment]:
        """The images and documents visitors see with the answer (not those a proposal adds)."""
        prefetched = getattr(self, "shown_attachments", None)
        if prefetched is not None:
            return prefetched
        return list(self.attachments.filter(proposal__isnull=True))

    @property
    def public_images(self) -> list[Attachment]:
        return [a for a in self.public_attachments if a.is_image]

    @property
    def public_documents(self) -> list[Attachment]:
        return [a for a in self.public_attachments if not a.is_image]

    def values_by_facet(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for value in self.facet_values.all():
            grouped.setdefault(value.facet.key, []).append(value.slug)
        return grouped


class FormerSlug(models.Model):
    """An address an entry had before its slug changed: it answers with a permanent redirect."""

    slug = models.SlugField(max_length=MAX_SLUG_LENGTH, unique=True)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="former_slugs")

    class Meta:
        ordering = ["slug"]


class Revision(models.Model):
    """A snapshot taken at every save, so that any earlier state can be seen and restored."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    question = models.CharField(max_length=MAX_QUESTION_LENGTH, blank=True)
    answer = models.TextField()
    keywords = models.CharField(max_length=MAX_KEYWORDS_LENGTH, blank=True)
    status = models.CharField(max_length=20, choices=Entry.Status.choices)
    facet_values = models.JSONField(default=dict)
    author = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    # Four-eyes publishing: who approved the author's proposal (blank when it was written directly).
    approved_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="unique_revision_number")]


class Proposal(models.Model):
    """A write that would change what visitors read, kept aside until a second person approves it
    (four-eyes publishing, ``GUICHET_FOUR_EYES``; ``guichet.faq.services.review``). The published
    version stays live meanwhile. It holds the whole write, made from revision ``base_revision``:
    approving it on a later revision is refused rather than silently undoing that revision."""

    class State(models.TextChoices):
        PENDING = "pending", _("À relire")
        APPROVED = "approved", _("Approuvée")
        RETURNED = "returned", _("Renvoyée à son auteur")
        WITHDRAWN = "withdrawn", _("Retirée par son auteur")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="proposals")
    # "fr": the entry itself; another language: its translation (question and answer alone), whose
    # revisions ``base_revision`` counts (0: none yet).
    language = models.CharField(max_length=8, default="fr")
    base_revision = models.PositiveIntegerField()
    question = models.CharField(max_length=MAX_QUESTION_LENGTH, blank=True)
    answer = models.TextField()
    keywords = models.CharField(max_length=MAX_KEYWORDS_LENGTH, blank=True)
    slug = models.SlugField(max_length=MAX_SLUG_LENGTH)
    status = models.CharField(max_length=20, choices=Entry.Status.choices)  # the entry's status once approved
    facet_values = models.JSONField(default=dict)
    valid_until = models.DateField(null=True, blank=True)
    review_every_days = models.PositiveIntegerField(null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    publish_at = models.DateTimeField(null=True, blank=True)
    unpublish_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="proposals")
    proposer_name = models.CharField(max_length=MAX_NAME_LENGTH)
    proposed_at = models.DateTimeField(default=timezone.now)
    reviewer_name = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)  # why it was sent back
    approved_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["entry", "language"], condition=models.Q(state="pending"),
                                               name="one_pending_proposal_per_version")]

    @property
    def title(self) -> str:
        return self.question or self.entry.title

    @property
    def is_translation(self) -> bool:
        return self.language != "fr"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class Attachment(models.Model):
    """An image or a document shown with an entry's answer; its bytes live in Django's storage
    (local disk, or S3-compatible), under a name made from their digest. An image has alternative
    text; a document may have a link text (its file name otherwise).

    Under four-eyes publishing a change visitors would see waits for the proposal's approval:
    ``proposal`` marks an attachment added by it (shown to editors only), ``removed_by`` one it
    takes away (still shown to visitors)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=200)
    name = models.CharField(_("nom du fichier"), max_length=MAX_ATTACHMENT_NAME_LENGTH)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    description = models.CharField(_("texte alternatif ou intitulé"), max_length=MAX_ATTACHMENT_TEXT_LENGTH, blank=True)
    order = models.PositiveIntegerField(default=0)
    uploaded_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    proposal = models.ForeignKey("Proposal", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="added_attachments")
    removed_by = models.ForeignKey("Proposal", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="removed_attachments")

    class Meta:
        ordering = ["entry", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower()

    @property
    def link_text(self) -> str:
        return self.description or self.name

    def get_absolute_url(self) -> str:
        """``/pieces-jointes/<id>/<name>``: the name, made plain, only tells the visitor what it is."""
        from django.urls import reverse
        from django.utils.text import slugify

        stem = self.name.rsplit(".", 1)[0] if "." in self.name else self.name
        return reverse("attachment", args=[self.pk, f"{slugify(stem)[:80] or 'fichier'}.{self.extension}"])


class EntryTranslation(models.Model):
    """An entry's question and answer in another language than French, with its own revisions.

    ``source_digest`` fingerprints the French question and answer it was written from: when the
    French version changes afterwards, the translation is flagged as needing an update."""

    LANGUAGES = (("en", "English"),)

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=LANGUAGES)
    question = models.CharField(max_length=MAX_QUESTION_LENGTH, blank=True)
    answer = models.TextField(max_length=MAX_ANSWER_LENGTH)
    answer_html = models.TextField(editable=False, default="")
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)

    class Meta:
        ordering = ["entry", "language"]
        constraints = [models.UniqueConstraint(fields=["entry", "language"], name="one_translation_per_language")]

    @property
    def title(self) -> str:
        if self.question:
            return self.question
        first_line = self.answer.strip().splitlines()[0] if self.answer.strip() else self.entry.slug
        return Truncator(first_line.lstrip("-# ").strip()).chars(100)


class TranslationRevision(models.Model):
    translation = models.ForeignKey(EntryTranslation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    question = models.CharField(max_length=MAX_QUESTION_LENGTH, blank=True)
    answer = models.TextField()
    author = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    approved_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)  # four-eyes publishing
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["translation", "-number"]
        constraints = [models.UniqueConstraint(fields=["translation", "number"], name="unique_translation_revision")]


class SynonymGroup(models.Model):
    """Terms that mean the same thing to visitors, e.g. "CPS" and "carte de professionnel de santé"."""

    terms = models.TextField(_("termes équivalents, séparés par des virgules"))

    class Meta:
        ordering = ["id"]

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class IgnoredAcronym(models.Model):
    """An acronym the content seems to define ("… (ABC)") that administrators set aside: search
    does not read it as a synonym of its phrase (``guichet.search.synonyms.learned_acronyms``)."""

    acronym = models.CharField(max_length=MAX_ACRONYM_LENGTH, unique=True)
    ignored_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    ignored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["acronym"]


class ContentState(models.Model):
    """One row whose version grows at every content change; app processes poll it to stay fresh."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
        if not updated:  # the very first change (two at once: the second finds the row made)
            try:
                with transaction.atomic():
                    cls.objects.create(pk=1, version=1)
            except IntegrityError:
                cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0


AUDIT_ACTIONS = {
    "create": _("création"), "update": _("modification"), "publish": _("publication"),
    "unpublish": _("retour en brouillon"), "archive": _("archivage"), "restore": _("restauration d’une révision"),
    "reorder": _("nouvel ordre"), "merge": _("fusion"), "import": _("import"), "update_page": _("modification"),
    "create_account": _("création de compte"), "check": _("vérification du contenu"),
    "password_change": _("changement de mot de passe"), "activate": _("réactivation"), "deactivate": _("désactivation"),
    "dismiss_question": _("question écartée"), "accept_question": _("question acceptée"), "answer_questions": _("questions répondues"),
    "comment_handled": _("commentaire traité"), "comment_reopened": _("commentaire rouvert"),
    "dismiss_gap": _("recherches sans réponse écartées"),
    "translate": _("traduction"),
    "create_token": _("création d’un jeton d’API"), "revoke_token": _("révocation d’un jeton d’API"),
    "create_webhook": _("ajout d’un webhook"), "delete_webhook": _("arrêt d’un webhook"),
    "attach": _("ajout d’une pièce jointe"), "detach": _("retrait d’une pièce jointe"),
    "propose": _("proposition à relire"), "approve": _("proposition approuvée"),
    "return_proposal": _("proposition renvoyée"), "withdraw_proposal": _("proposition retirée"),
    "change_role": _("changement de rôle"), "link_identity": _("compte relié au fournisseur d’identité"),
}
AUDIT_TARGETS = {"entry": _("entrée"), "facet": _("facette"), "facetvalue": _("valeur de facette"),
                 "user": _("compte"), "sitepage": _("page du site"), "synonymes": _("synonymes"),
                 "apitoken": _("jeton d’API"), "entrytranslation": _("traduction"), "webhook": _("webhook")}


class AuditEvent(models.Model):
    """Who did what to the content, and when: written by the services, never edited."""

    actor = models.CharField(max_length=MAX_NAME_LENGTH)
    action = models.CharField(max_length=50)
    target_type = models.CharField(max_length=50)
    target_id = models.CharField(max_length=100, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def action_label(self) -> str:
        return str(AUDIT_ACTIONS.get(self.action, self.action))

    @property
    def target_label_fr(self) -> str:
        """What changed, in French: "entrée", "compte"… (an imported file or a question's text as is)."""
        return str(AUDIT_TARGETS.get(self.target_type, ""))


class SitePage(models.Model):
    """A page every French public site must have (accessibility statement, legal notice, personal
    data), written by administrators in Markdown like the answers."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibilite", _("Déclaration d’accessibilité")
        LEGAL = "mentions-legales", _("Mentions légales")
        PERSONAL_DATA = "donnees-personnelles", _("Données personnelles et cookies")

    slug = models.SlugField(max_length=50, unique=True, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=MAX_QUESTION_LENGTH)
    body = models.TextField(_("contenu (Markdown)"), max_length=MAX_ANSWER_LENGTH)
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title
