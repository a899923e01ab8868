"""The map view: the domain (partnerships/) drawn with geometry (geo/) as one folium map.

It sits above both packages, which know nothing of each other's drawing; ui/ and the pages
sit above it. No Streamlit here: tests build the map and read its HTML.
"""
