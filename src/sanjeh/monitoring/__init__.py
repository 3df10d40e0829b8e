"""Media monitoring: ingested articles, syndication stories, agency mentions, quarantine, search."""
