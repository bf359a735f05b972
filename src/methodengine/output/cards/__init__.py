"""Facilitator cards made from a meeting plan.

- :mod:`~methodengine.output.cards.content` turns the plan into cards in one language.
- :mod:`~methodengine.output.cards.layout` fits each card to a printed page.
- :mod:`~methodengine.output.cards.render` renders the cards with Jinja templates
  (text, Markdown, HTML) and makes PDF from the HTML with WeasyPrint.
- :mod:`~methodengine.output.cards.constants` names the formats, card kinds and papers.
"""
