"""Visitors' forms: a vote, a comment after "Non", a question for the editors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.limits import (
    MAX_COMMENT_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_VISITOR_QUESTION_LENGTH,
    MIN_VISITOR_QUESTION_LENGTH,
)
from guichet.parsing import clean_line, clean_text


class VoteForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("oui", _("Oui")), ("non", _("Non"))])
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH * 2)
    next = forms.CharField(required=False, max_length=2000)

    def clean_q(self) -> str:
        return clean_line(self.cleaned_data["q"], MAX_QUERY_LENGTH)


class CommentForm(forms.Form):
    comment = forms.CharField(max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea,
                              label=_("Comment pouvons-nous améliorer cette réponse ?"))
    next = forms.CharField(required=False, max_length=2000)

    def clean_comment(self) -> str:
        return clean_text(self.cleaned_data["comment"])


class AskForm(forms.Form):
    question = forms.CharField(min_length=MIN_VISITOR_QUESTION_LENGTH, max_length=MAX_VISITOR_QUESTION_LENGTH,
                               label=_("Votre question"))
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH * 2)
    facettes = forms.CharField(required=False, max_length=2000)
    jeton = forms.CharField(max_length=200)
    site_web = forms.CharField(required=False, max_length=200)  # a trap: hidden from people
    courriel = forms.EmailField(required=False, max_length=MAX_EMAIL_LENGTH)  # only to be told when the answer is out

    def clean_question(self) -> str:
        return clean_line(self.cleaned_data["question"])

    def clean_q(self) -> str:
        return clean_line(self.cleaned_data["q"], MAX_QUERY_LENGTH)
