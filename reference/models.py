from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reference.enums import Region


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    title = models.TextField(_("official title"))
    short_label = models.CharField(_("short label"), max_length=80)

    class Meta:
        db_table = "forums_objective"
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self):
        return f"{self.number}. {self.short_label}"

    def get_absolute_url(self):
        return reverse("portal:objective", kwargs={"number": self.number})


class GuidingPrinciple(models.Model):
    letter = models.CharField(_("letter"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        db_table = "forums_guidingprinciple"
        ordering = ["letter"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self):
        return f"({self.letter}) {self.name}"


class CountryQuerySet(models.QuerySet):
    def member_states(self):
        return self.filter(un_member=True)


class Country(models.Model):
    """Countries and territories with an M49 code: where organisations sit and work."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    m49_code = models.PositiveSmallIntegerField(_("M49 code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("M49 region"), max_length=10, choices=Region.choices)
    subregion = models.CharField(_("M49 sub-region"), max_length=40)
    un_member = models.BooleanField(_("UN Member State"), default=False)

    objects = CountryQuerySet.as_manager()

    class Meta:
        db_table = "forums_country"
        ordering = ["name"]
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")

    def __str__(self):
        return self.name


class MemberStateManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(un_member=True)


class MemberState(Country):
    """The 193 Member States of the United Nations."""

    objects = MemberStateManager()

    class Meta:
        proxy = True
        ordering = ["name"]
        verbose_name = _("Member State")
        verbose_name_plural = _("Member States")
