"""Listings: topic pages, indexes, home, calendar and the document graph, on Hugo's taxonomy model.

Everything here renders from front-matter and tóm tắt; no plan body is ever re-rendered for a listing.
"""
