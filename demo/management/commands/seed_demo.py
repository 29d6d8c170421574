"""Build the demo portal from the seed plans: site settings, sections, pages, articles, accounts.

Idempotent: whatever exists already (found by slug, title or username) is left as it is, so
running it twice changes nothing. Content goes live through review (demo.review).
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import (
    AgencySettings,
    ArticlePage,
    ChildProtectionPage,
    ConductCodePage,
    GoodDeedsSectionPage,
    GoodDeedStoryPage,
    HelpContact,
    HomePage,
    HomePageHighlight,
    PortalImage,
    SafetyGuidePage,
    SectionPage,
    StandardPage,
)
from demo import content, images
from demo.review import publish_reviewed, record_verification
from editorial import roles


class Command(BaseCommand):
    help = "Build the demo portal (idempotent). Prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password of the demo accounts (at least 12 characters). "
            "Default: a random one, printed, for accounts created now.",
        )

    def handle(self, *args, password=None, **options):
        if password is not None and len(password) < 12:
            raise CommandError("Mật khẩu phải có ít nhất 12 ký tự. / Password: 12+ characters.")
        with transaction.atomic():
            accounts = self.ensure_accounts(password)
            author, editor, chief = (
                accounts[roles.REPORTERS][0],
                accounts[roles.EDITORS][0],
                accounts[roles.CHIEF_EDITORS][0],
            )
            self.reviewers = [editor, chief]
            self.author = author
            home = self.ensure_home()
            self.ensure_agency(home)
            sections = self.ensure_sections(home)
            self.ensure_standard_pages(home)
            articles = self.ensure_articles(sections)
            self.ensure_conduct_codes(sections[content.CONDUCT_SECTION])
            self.ensure_guides(sections[content.GUIDES_SECTION])
            self.ensure_help_contacts()
            self.ensure_child_protection(sections[content.CHILD_PROTECTION_SECTION])
            self.ensure_home_links(home, sections, articles)
        self.print_logins(accounts)

    # --- accounts -----------------------------------------------------------------------
    def ensure_accounts(self, password):
        User = get_user_model()
        accounts = {}
        for role, first_name, last_name, _title in content.USERS:
            username = roles.DEMO_USERNAMES[role]
            user = User.objects.filter(username=username).first()
            shown = None
            if user is None:
                shown = password or secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username=username,
                    password=shown,
                    email=f"{username}@example.gov.vn",
                    first_name=first_name,
                    last_name=last_name,
                )
            elif password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                shown = password
            user.groups.add(Group.objects.get(name=role))
            accounts[role] = (user, shown)
        return {role: (user, shown) for role, (user, shown) in accounts.items()}

    def print_logins(self, accounts):
        self.stdout.write(self.style.SUCCESS("Tài khoản trình diễn / demo logins (/admin/):"))
        for role, (user, shown) in accounts.items():
            secret = shown if shown else "(giữ nguyên / unchanged)"
            self.stdout.write(f"  {role:<22} {user.username:<10} {secret}")

    # --- pages --------------------------------------------------------------------------
    def go_live(self, page, date=None, acknowledge=()):
        if date is not None and page.first_published_at is None:
            page.first_published_at = date
        publish_reviewed(
            page, author=self.author, reviewers=self.reviewers, acknowledge=acknowledge
        )

    def ensure_home(self):
        home = HomePage.objects.filter(slug=content.HOME["slug"]).first()
        root = Page.get_first_root_node()
        if home is None:
            home = HomePage(
                title=content.HOME["title"],
                slug=content.HOME["slug"],
                intro=content.HOME["intro"],
                live=False,
            )
            root.add_child(instance=home)
            self.go_live(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=content.AGENCY["portal_name"],
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = content.AGENCY["portal_name"]
            site.save()
            # Wagtail's "Welcome" placeholder page is of no use once the portal exists.
            if type(old_root.specific) is Page and old_root.depth == 2:
                old_root.delete()
        return home

    def ensure_agency(self, home):
        site = Site.objects.get(root_page=home)
        agency = AgencySettings.for_site(site)
        if agency.address:  # already configured: an administrator's edits are kept
            return
        for field, value in content.AGENCY.items():
            setattr(agency, field, value)
        agency.save()

    def ensure_sections(self, home):
        sections = {}
        for slug, title, intro, parent_slug in content.SECTIONS:
            parent = sections[parent_slug] if parent_slug else home
            section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
            if section is None:
                page_class = (
                    GoodDeedsSectionPage if slug in content.GOOD_DEEDS_SECTIONS else SectionPage
                )
                section = page_class(
                    title=title,
                    slug=slug,
                    intro=f"<p>{intro}</p>",
                    show_in_menus=not parent_slug,
                    search_description=intro,
                    live=False,
                )
                parent.add_child(instance=section)
                self.go_live(section)
            sections[slug] = section
        return sections

    def ensure_standard_pages(self, home):
        pages = {}
        for slug, title, parent_slug, intro, paragraphs in content.STANDARD_PAGES:
            parent = pages[parent_slug] if parent_slug else home
            page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
            if page is None:
                page = StandardPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    show_in_menus=not parent_slug,
                    body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                    live=False,
                )
                parent.add_child(instance=page)
                self.go_live(page)
            pages[slug] = page
        return pages

    def ensure_image(self, title, colour, seed):
        image = PortalImage.objects.filter(title=title).first()
        if image is None:
            image = PortalImage(
                title=title,
                description=f"Ảnh minh họa cho bài “{title}”: nền màu với các vòng tròn và ngôi "
                "sao vàng",
                credit="Ban biên tập (ảnh minh họa)",
                file=images.image_file(colour, seed=seed, name=f"demo-{seed}.jpg"),
            )
            image.save()
        return image

    def ensure_articles(self, sections):
        articles = {}
        for index, spec in enumerate(content.ARTICLES):
            section = sections[spec["section"]]
            article = ArticlePage.objects.child_of(section).filter(slug=spec["slug"]).first()
            if article is None:
                image = None
                if spec.get("image"):
                    image = self.ensure_image(spec["title"], spec["image"], seed=index + 1)
                body = [("paragraph", f"<p>{text}</p>") for text in spec["paragraphs"]]
                if spec.get("quote"):
                    text, attribution = spec["quote"]
                    body.insert(1, ("quote", {"text": text, "attribution": attribution}))
                source_type, source_name, source_url = spec["source"]
                story = content.STORIES.get(spec["slug"])
                extra = {}
                page_class = ArticlePage
                if story and isinstance(section.specific, GoodDeedsSectionPage):
                    page_class = GoodDeedStoryPage
                    extra = {"honoree": story[0], "place": story[1]}
                article = page_class(
                    **extra,
                    title=spec["title"],
                    slug=spec["slug"],
                    lead=spec["lead"],
                    body=body,
                    hero_image=image,
                    byline="Ban biên tập",
                    source_type=source_type,
                    source_name=source_name,
                    source_url=source_url,
                    search_description=spec["lead"][:300],
                    live=False,
                )
                section.add_child(instance=article)
                article.tags.add(*spec["tags"])
                article.save()
                if spec.get("verification"):
                    note, sources = spec["verification"]
                    record_verification(
                        article,
                        editor=self.reviewers[0],
                        original_post_url=source_url,
                        note=note,
                        sources=sources,
                    )
                date = datetime.datetime.fromisoformat(spec["date"]).replace(hour=8)
                self.go_live(
                    article, timezone.make_aware(date), acknowledge=spec.get("acknowledge", ())
                )
            articles[spec["slug"]] = article
        return articles

    # --- dedicated sections -------------------------------------------------------------
    def ensure_conduct_codes(self, section):
        codes = {}
        # Codes in force first, so a replaced one can point to its replacement.
        for spec in sorted(content.CONDUCT_CODES, key=lambda c: c["replaced_by"] is not None):
            code = ConductCodePage.objects.child_of(section).filter(slug=spec["slug"]).first()
            if code is None:
                code = ConductCodePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    instrument_number=spec["instrument_number"],
                    instrument_title=spec["instrument_title"],
                    issuing_body=spec["issuing_body"],
                    issued_year=spec["issued_year"],
                    issued_on=(
                        datetime.date.fromisoformat(spec["issued_on"])
                        if spec["issued_on"]
                        else None
                    ),
                    replaced_by=codes.get(spec["replaced_by"]),
                    intro=spec["intro"],
                    search_description=spec["intro"][:300],
                    principles=[
                        ("principle", {"title": title, "text": text})
                        for title, text in spec["principles"]
                    ],
                    rules=[
                        ("audience", {"audience": audience, "rules": rules})
                        for audience, rules in spec["rules"].items()
                    ],
                    live=False,
                )
                section.add_child(instance=code)
                self.go_live(code)
            codes[spec["slug"]] = code

    def ensure_guides(self, section):
        for index, (slug, title, audience, intro, steps, colour) in enumerate(content.GUIDES):
            if SafetyGuidePage.objects.child_of(section).filter(slug=slug).exists():
                continue
            image = self.ensure_image(title, colour, seed=100 + index) if colour else None
            guide = SafetyGuidePage(
                title=title,
                slug=slug,
                audience=audience,
                intro=intro,
                search_description=intro,
                steps=[
                    (
                        "step",
                        {
                            "title": step_title,
                            "text": f"<p>{text}</p>",
                            "image": image if number == 0 else None,
                        },
                    )
                    for number, (step_title, text) in enumerate(steps)
                ],
                live=False,
            )
            section.add_child(instance=guide)
            self.go_live(guide)

    def ensure_help_contacts(self):
        for order, (name, phone, description) in enumerate(content.HELP_CONTACTS):
            HelpContact.objects.get_or_create(
                name=name,
                defaults={"phone": phone, "description": description, "sort_order": order},
            )

    def ensure_child_protection(self, section):
        spec = content.CHILD_PROTECTION_PAGE
        if ChildProtectionPage.objects.child_of(section).filter(slug=spec["slug"]).exists():
            return
        page = ChildProtectionPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            search_description=spec["intro"],
            recognise="<ul>" + "".join(f"<li>{item}</li>" for item in spec["recognise"]) + "</ul>",
            report_steps=[
                ("step", {"title": title, "text": f"<p>{text}</p>", "image": None})
                for title, text in spec["report_steps"]
            ],
            current_rules=f"<p>{spec['current_rules']}</p>",
            live=False,
        )
        section.add_child(instance=page)
        self.go_live(page)

    def ensure_home_links(self, home, sections, articles):
        home = HomePage.objects.get(pk=home.pk)
        changed = False
        if not home.highlights.exists():
            wanted = [s["slug"] for s in content.ARTICLES if s.get("highlight")]
            home.highlights = [HomePageHighlight(article=articles[slug]) for slug in wanted]
            changed = True
        if not home.dedicated_links:
            home.dedicated_links = [
                ("link", {"page": sections[slug], "description": description})
                for slug, description in content.DEDICATED
            ]
            changed = True
        if changed:
            self.go_live(home)
