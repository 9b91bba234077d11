"""Places: geocoding place mentions with packaged gazetteers and the document's context.

``gazetteer`` builds and caches the name index, ``names`` folds spellings, ``spans`` finds the
place spans and feature words, ``local`` the town names of local news' constructions ("Roselle
police", "D-Charleston", "Barrow and Jackson counties"), ``resolve`` ranks candidates,
``component`` is the spaCy component.
"""
