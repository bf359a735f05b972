"""Facilitator cards made from a meeting plan.

- :mod:`~methodengine.output.cards.content` turns the plan into cards in one language.
- :mod:`~methodengine.output.cards.render` is the entry point the built-in card formats render through;
  :mod:`~methodengine.output.cards.templating` renders the cards with Jinja templates (text, Markdown,
  HTML), helped by :mod:`~methodengine.output.cards.text_layout` (80 columns) and
  :mod:`~methodengine.output.cards.markdown` (escaping).
- :mod:`~methodengine.output.cards.layout` fits each card to a printed page;
  :mod:`~methodengine.output.cards.pdf` makes the PDF from the HTML with WeasyPrint, reading only what
  :mod:`~methodengine.output.cards.url_safety` lets through.
- :mod:`~methodengine.output.cards.constants` names the formats, card kinds and papers.

The formats themselves are registered by the built-in plugin ``card_formats``
(``plugins/methodengine_formats``), like any plugin's (see :mod:`methodengine.hooks.formats`).
"""
