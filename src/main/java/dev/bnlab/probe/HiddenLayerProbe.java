package dev.bnlab.probe;

import java.util.List;
import java.util.Optional;

/** The distributions recorded in one hidden layer ({@code layer} counts from 1 at the input side). */
public record HiddenLayerProbe(int layer, int units, List<SiteDistribution> sites) {
    public HiddenLayerProbe {
        sites = List.copyOf(sites);
    }

    public Optional<SiteDistribution> site(ProbeSite site) {
        return sites.stream().filter(s -> s.site() == site).findFirst();
    }
}
