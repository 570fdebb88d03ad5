package dev.jobmesh.gateway.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    private static AuthProperties.Key key(String name, ApiRole role, String key) {
        return new AuthProperties.Key(name, role, ApiKeys.sha256Hex(key));
    }

    @Test
    void findsTheCallerOfAKnownKeyByItsHash() {
        ApiKeys keys = new ApiKeys(List.of(key("ci", ApiRole.SUBMIT, "k1"), key("ops", ApiRole.ADMIN, "k2")));

        assertThat(keys.find("k1")).contains(new ApiCaller("ci", ApiRole.SUBMIT, true));
        assertThat(keys.find("k2")).contains(new ApiCaller("ops", ApiRole.ADMIN, true));
        assertThat(keys.find("k3")).isEmpty();
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void theHashIsTheSha256OfTheKeyInHex() {
        // echo -n test | sha256sum
        assertThat(ApiKeys.sha256Hex("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aMisconfiguredKeyStopsTheGatewayNamingTheKey() {
        String hash = ApiKeys.sha256Hex("k");
        assertThatThrownBy(() -> new ApiKeys(List.of(new AuthProperties.Key("bad name", ApiRole.ADMIN, hash))))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ApiKeys(List.of(new AuthProperties.Key("a", ApiRole.ADMIN, "abc"))))
                .hasMessageContaining("sha256").hasMessageContaining("name=a");
        assertThatThrownBy(() -> new ApiKeys(List.of(new AuthProperties.Key("a", null, hash))))
                .hasMessageContaining("role");
        assertThatThrownBy(() -> new ApiKeys(List.of(new AuthProperties.Key("a", ApiRole.ADMIN, hash),
                new AuthProperties.Key("a", ApiRole.SUBMIT, ApiKeys.sha256Hex("other")))))
                .hasMessageContaining("two keys");
    }

    @Test
    void aSubmitCallerMayAccessOnlyItsOwnJobsAndAnAdminAny() {
        ApiCaller tenant = new ApiCaller("tenant", ApiRole.SUBMIT, true);
        ApiCaller admin = new ApiCaller("ops", ApiRole.ADMIN, true);

        assertThat(tenant.mayAccess("tenant")).isTrue();
        assertThat(tenant.mayAccess("other")).isFalse();
        assertThat(tenant.mayAccess(null)).isFalse();
        assertThat(admin.mayAccess("other")).isTrue();
        assertThat(ApiCaller.unchecked().owner()).isNull();
        assertThat(tenant.owner()).isEqualTo("tenant");
    }
}
