"""The topic library core: load, validate and render topic files. No MkDocs imports."""
