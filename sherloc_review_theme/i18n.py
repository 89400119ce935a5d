from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("sherloc_review_theme")
