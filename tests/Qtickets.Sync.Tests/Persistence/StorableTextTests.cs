using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Tests.Persistence;

public sealed class StorableTextTests
{
    // A Fact, not a Theory: xUnit would mangle lone surrogates in serialized theory data.
    [Fact]
    public void Nuls_and_lone_surrogates_become_the_replacement_character_and_pairs_stay()
    {
        Assert.Equal("Ivan", StorableText.Of("Ivan"));
        Assert.Equal("Iv\uFFFDan", StorableText.Of("Iv\0an"));
        Assert.Equal("a\uFFFDb", StorableText.Of("a\uD800b"));
        Assert.Equal("a\uFFFDb", StorableText.Of("a\uDC00b"));
        Assert.Equal("\uFFFD\uFFFD", StorableText.Of("\uDC00\uD800"));
        Assert.Equal("😀", StorableText.Of("😀"));
    }

    [Fact]
    public void A_cut_through_a_surrogate_pair_leaves_no_half_of_it()
    {
        Assert.Equal("ab\uFFFD", StorableText.Of("ab😀", 3));
        Assert.Equal("ab", StorableText.Of("ab😀", 2));
    }
}
