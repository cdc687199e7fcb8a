"""The pictures of the draft, drawn with Pillow.

- :mod:`vlr.charts.figures`: what each chart shows and its alt text, and drawing them all;
- :mod:`vlr.charts.line`: an indicator's line chart;
- :mod:`vlr.charts.grid`: the goal × theme heatmap;
- :mod:`vlr.charts.tiles`: the goal tiles (or the city's own icons);
- :mod:`vlr.charts.colours`: contrast ratios and goal colours darkened to be read on white.
"""
