from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.faq.lifecycle import MAX_REVIEW_DAYS, Lifecycle
from guichet.faq.models import Entry, Facet, Proposal
from guichet.faq.schemas import ContentSchema, EntryContent, FacetContent, FacetValueContent, SitePageContent
from guichet.limits import (
    MAX_ANSWER_LENGTH,
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

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


class SchemaForm(forms.Form):
    """A form whose rules are a content schema's (``guichet.faq.schemas``): it refuses what the API
    and the importer refuse, in the same words, and hands over the content as the service will
    store it. Its fields' ``maxlength`` attributes only help the browser."""

    schema: type[ContentSchema]

    def clean(self):
        data = super().clean()
        given = {name: data.get(name, "") for name in self.schema.model_fields if name in self.fields}
        content, problems = self.schema.read(given)
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        if content is not None and not self.errors:
            data |= content.model_dump(include=set(given))  # cleaned as the service will store it
        return data


def _line(label, limit: int, *, required: bool = False) -> forms.CharField:
    """One line of text. Whether it may be empty and how long it may be is the schema's to decide;
    ``required`` and ``maxlength`` only tell the browser."""
    attrs = {"class": "fr-input", "maxlength": limit, **({"required": True} if required else {})}
    return forms.CharField(label=label, required=False, strip=False, widget=forms.TextInput(attrs=attrs))


class EntryForm(SchemaForm):
    """The editor's fields; their rules are every writer's (``guichet.faq.schemas.EntryContent``,
    checked in ``clean``): the form refuses what the API and the importer refuse, in the same words.
    The ``maxlength`` attributes only help the browser."""

    question = forms.CharField(label=_("Question"), required=False, strip=False,
                               widget=forms.TextInput(attrs={"class": "fr-input", "maxlength": MAX_QUESTION_LENGTH}))
    slug = forms.CharField(label=_("Adresse (laisser vide pour la créer)"), required=False,
                           widget=forms.TextInput(attrs={"class": "fr-input", "maxlength": MAX_SLUG_LENGTH}))
    answer = forms.CharField(label=_("Réponse (Markdown)"), required=False, strip=False,
                             widget=forms.Textarea(attrs={"class": "fr-input", "rows": 14}))
    keywords = forms.CharField(label=_("Mots-clés"), required=False,
                               widget=forms.TextInput(attrs={"class": "fr-input", "maxlength": MAX_KEYWORDS_LENGTH}))
    status = forms.CharField(label=_("Statut"), widget=forms.Select(attrs={"class": "fr-select"},
                                                                     choices=Entry.Status.choices))
    # The revision the form was opened from: saving on top of a later one is refused.
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    # The content's life (guichet.faq.lifecycle).
    valid_until = forms.DateField(label=_("Valable jusqu’au"), required=False,
                                  help_text=_("Facultatif : après ce jour, la réponse est signalée comme peut-être dépassée."),
                                  widget=forms.DateInput(attrs={"class": "fr-input", "type": "date"}, format="%Y-%m-%d"))
    review_every_days = forms.IntegerField(label=_("À revérifier tous les … jours"), required=False, min_value=1,
                                           max_value=MAX_REVIEW_DAYS,
                                           help_text=_("Laisser vide pour la durée commune du site."),
                                           widget=forms.NumberInput(attrs={"class": "fr-input"}))
    owner = forms.TypedChoiceField(label=_("Responsable"), required=False, coerce=int, empty_value=None,
                                   help_text=_("Reçoit dans le résumé hebdomadaire ses entrées à revérifier."),
                                   widget=forms.Select(attrs={"class": "fr-select"}))
    publish_at = forms.DateTimeField(label=_("Publier le"), required=False, input_formats=[DATETIME_LOCAL],
                                     widget=forms.DateTimeInput(attrs={"class": "fr-input", "type": "datetime-local"},
                                                                format=DATETIME_LOCAL))
    unpublish_at = forms.DateTimeField(label=_("Dépublier le"), required=False, input_formats=[DATETIME_LOCAL],
                                       widget=forms.DateTimeInput(attrs={"class": "fr-input", "type": "datetime-local"},
                                                                  format=DATETIME_LOCAL))

    schema = EntryContent

    LIFECYCLE_FIELDS = ("valid_until", "review_every_days", "owner", "publish_at", "unpublish_at")

    def __init__(self, *args, facets: list[Facet], owners: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.facets = facets
        self.owners = owners or []
        self.fields["owner"].choices = [("", _("Personne")), *((u.pk, u.get_username()) for u in self.owners)]
        for facet in facets:
            self.fields[f"facet_{facet.key}"] = forms.MultipleChoiceField(
                label=facet.label, required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(v.slug, v.label) for v in facet.values.all()])

    TEXT_FIELDS = ("question", "slug", "keywords")  # shown at the top of the editor, one line each

    def text_fields(self):
        return [self[name] for name in self.TEXT_FIELDS]

    def facet_fields(self):
        return [self[f"facet_{facet.key}"] for facet in self.facets]

    def lifecycle_fields(self):
        return [self[name] for name in self.LIFECYCLE_FIELDS]

    def lifecycle(self) -> Lifecycle:
        data = self.cleaned_data
        return Lifecycle(valid_until=data["valid_until"], review_every_days=data["review_every_days"],
                         owner_id=data["owner"], publish_at=data["publish_at"], unpublish_at=data["unpublish_at"])

    def against_revision(self, number: int) -> EntryForm:
        """The same answers, now made against revision ``number`` (saving them replaces it)."""
        data = self.data.copy()
        data["revision"] = str(number)
        form = EntryForm(data, facets=self.facets, owners=self.owners)
        form.is_valid()
        return form

    def values(self) -> dict[str, list[str]]:
        return {f.key: self.cleaned_data.get(f"facet_{f.key}", []) for f in self.facets}

    @staticmethod
    def initial_for(entry: Entry) -> dict:
        return _initial(entry, entry.revision, entry.values_by_facet())

    @staticmethod
    def initial_for_proposal(proposal: Proposal) -> dict:
        """A proposal's write, made against the revision it was made from."""
        return _initial(proposal, proposal.base_revision, proposal.facet_values)


def _initial(version: Entry | Proposal, revision: int, facets: dict[str, list[str]]) -> dict:
    initial = {"question": version.question, "slug": version.slug, "answer": version.answer,
               "keywords": version.keywords, "status": version.status, "revision": revision,
               "valid_until": version.valid_until, "review_every_days": version.review_every_days,
               "owner": version.owner_id, "publish_at": _local(version.publish_at),
               "unpublish_at": _local(version.unpublish_at)}
    for key, slugs in facets.items():
        initial[f"facet_{key}"] = slugs
    return initial


class FacetForm(SchemaForm):
    schema = FacetContent

    key = _line(_("Clé (dans les adresses)"), MAX_FACET_KEY_LENGTH, required=True)
    label = _line(_("Libellé"), MAX_FACET_LABEL_LENGTH, required=True)
    question = _line(_("Question posée aux visiteurs"), MAX_FACET_QUESTION_LENGTH, required=True)
    label_en = _line(_("Libellé en anglais"), MAX_FACET_LABEL_LENGTH)
    question_en = _line(_("Question en anglais"), MAX_FACET_QUESTION_LENGTH)
    order = forms.IntegerField(label=_("Ordre"), min_value=0, initial=0,
                               widget=forms.NumberInput(attrs={"class": "fr-input"}))


class ValueForm(SchemaForm):
    schema = FacetValueContent

    slug = _line(_("Identifiant"), MAX_VALUE_SLUG_LENGTH, required=True)
    label = _line(_("Libellé"), MAX_VALUE_LABEL_LENGTH, required=True)
    label_en = _line(_("Libellé en anglais"), MAX_VALUE_LABEL_LENGTH)


class AccountForm(forms.Form):
    """The fields of a new account; the service checks the rest (a free name, a strong password)."""

    username = forms.CharField(label=_("Identifiant"), max_length=MAX_NAME_LENGTH,
                               widget=forms.TextInput(attrs={"class": "fr-input", "autocomplete": "off"}))
    email = forms.EmailField(label=_("Courriel"), required=False, widget=forms.EmailInput(attrs={"class": "fr-input"}))
    role = forms.ChoiceField(label=_("Rôle"), choices=[("editor", _("Éditeur")), ("admin", _("Administrateur"))],
                             widget=forms.Select(attrs={"class": "fr-select"}))
    password = forms.CharField(label=_("Mot de passe"), strip=False, required=False, widget=forms.PasswordInput(
        attrs={"class": "fr-input", "autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.GUICHET_OIDC is not None:
            self.fields["password"].help_text = _(
                "Laissez vide pour un compte qui se connecte avec %(provider)s : indiquez alors son courriel, "
                "le compte lui sera relié à sa première connexion.") % {"provider": settings.GUICHET_OIDC.provider_name}


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), required=False, choices=[
        ("", _("Aucun")), ("editor", _("Éditeur")), ("admin", _("Administrateur"))],
        widget=forms.Select(attrs={"class": "fr-select"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier JSON (export Guichet) ou page FAQ (.txt)"))


class SitePageForm(SchemaForm):
    schema = SitePageContent

    title = _line(_("Titre"), MAX_QUESTION_LENGTH, required=True)
    body = forms.CharField(label=_("Contenu (Markdown)"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"class": "fr-input", "rows": 20, "maxlength": MAX_ANSWER_LENGTH}))
